/** The Microsoft identity platform (v2.0 endpoints) at login.microsoftonline.com. */
import type { SandboxReply, SandboxRequest } from '../../core/types';
import { TENANT_ID } from '../account';
import { authorizeEndpoint } from './authorize';
import type { IdentityDeps } from './deps';
import { aad, errorPage, tokenErrorReply } from './errors';
import { tokenEndpoint } from './token';

const TENANTS = ['common', 'consumers', 'organizations', TENANT_ID, 'contoso.example'];

const discovery = (tenant: string) => {
  const base = `https://login.microsoftonline.com/${tenant}`;
  return {
    issuer: `https://login.microsoftonline.com/${tenant === 'common' || tenant === 'organizations' || tenant === 'consumers' ? '{tenantid}' : TENANT_ID}/v2.0`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    token_endpoint: `${base}/oauth2/v2.0/token`,
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    code_challenge_methods_supported: ['plain', 'S256'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    tenant_region_scope: null,
  };
};

export const createIdentityPlatform = (deps: IdentityDeps) => {
  const authorize = authorizeEndpoint(deps);
  const token = tokenEndpoint(deps);

  const handle = async (req: SandboxRequest): Promise<SandboxReply> => {
    const [tenant = '', ...rest] = req.path.split('/').filter(Boolean).map(decodeURIComponent);
    const route = rest.join('/');
    if (!TENANTS.includes(tenant)) {
      const e = aad('invalid_tenant', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
      return route === 'oauth2/v2.0/token' ? tokenErrorReply(400, e) : errorPage(e);
    }
    if (route === 'oauth2/v2.0/authorize') {
      if (req.method === 'GET') return authorize.get(req, tenant);
      if (req.method === 'POST') return authorize.post(req);
    }
    if (route === 'oauth2/v2.0/token') {
      if (req.method === 'POST') return token.post(req);
      if (req.method === 'OPTIONS') return token.options(req);
      return tokenErrorReply(400, aad('invalid_request', 900561, `The endpoint only accepts POST, OPTIONS requests. Received a ${req.method} request.`));
    }
    if (route === 'v2.0/.well-known/openid-configuration' && req.method === 'GET') {
      return { status: 200, body: discovery(tenant) };
    }
    return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not found' };
  };

  return { handle };
};
