/**
 * oauth2.googleapis.com: revocation, token introspection, and the token endpoint, which Ferry never uses
 * because Google demands a client secret there even with PKCE.
 */
import type { SandboxContext, SandboxReply, SandboxRequest } from '../../core/types';
import { GOOGLE_ACCOUNT } from '../account';
import { formParams } from '../http';
import type { GoogleConsentStore } from './consent';
import { grantsEmail } from './scopes';

const invalidToken = (): SandboxReply => ({
  status: 400,
  body: { error: 'invalid_token', error_description: 'Token expired or revoked' },
});

export function createTokenEndpoints(ctx: SandboxContext, consent: GoogleConsentStore) {
  async function revoke(req: SandboxRequest): Promise<SandboxReply> {
    const token = (await formParams(req)).get('token');
    if (!token) return { status: 400, body: { error: 'invalid_request', error_description: 'Bad Request' } };
    const check = ctx.tokens.check('google', `Bearer ${token}`, []);
    if (!check.ok && check.reason !== 'expired') return invalidToken();
    ctx.tokens.revokeToken('google', token);
    consent.revokeByToken(token);
    return { status: 200, body: {} };
  }

  async function tokenInfo(req: SandboxRequest): Promise<SandboxReply> {
    const token = (await formParams(req)).get('access_token');
    const check = ctx.tokens.check('google', token ? `Bearer ${token}` : undefined, []);
    if (!check.ok) return { status: 400, body: { error: 'invalid_token', error_description: 'Invalid Value' } };
    const { grant } = check;
    return {
      status: 200,
      body: {
        azp: grant.clientId,
        aud: grant.clientId,
        sub: GOOGLE_ACCOUNT.sub,
        scope: grant.scopes.join(' '),
        ...(grantsEmail(grant.scopes) ? { email: GOOGLE_ACCOUNT.email, email_verified: 'true' } : {}),
        access_type: 'online',
      },
    };
  }

  return async function handle(req: SandboxRequest): Promise<SandboxReply | undefined> {
    if (req.path === '/revoke' && req.method === 'POST') return revoke(req);
    if (req.path === '/tokeninfo' && (req.method === 'GET' || req.method === 'POST')) return tokenInfo(req);
    if (req.path === '/token' && req.method === 'POST') {
      return { status: 400, body: { error: 'invalid_request', error_description: 'client_secret is missing.' } };
    }
    return undefined;
  };
}
