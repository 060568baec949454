/** The OpenID Connect userinfo endpoint: claims by scope, as Google releases them. */
import type { SandboxContext, SandboxReply, SandboxRequest } from '../../core/types';
import { GOOGLE_ACCOUNT } from '../account';
import { invalidCredentials } from '../errors';
import { grantsEmail, grantsProfile } from './scopes';

export function userInfo(ctx: SandboxContext, req: SandboxRequest): SandboxReply {
  const check = ctx.tokens.check('google', req.headers.authorization, []);
  if (!check.ok) return invalidCredentials();
  const { scopes } = check.grant;
  return {
    status: 200,
    body: {
      sub: GOOGLE_ACCOUNT.sub,
      ...(grantsProfile(scopes)
        ? { name: GOOGLE_ACCOUNT.name, given_name: GOOGLE_ACCOUNT.givenName, family_name: GOOGLE_ACCOUNT.familyName, picture: GOOGLE_ACCOUNT.picture }
        : {}),
      ...(grantsEmail(scopes) ? { email: GOOGLE_ACCOUNT.email, email_verified: true } : {}),
    },
  };
}
