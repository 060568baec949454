/** Bearer tokens and scopes for the Photos APIs, refused as Google refuses them (401 / 403 PERMISSION_DENIED). */
import type { Grant, SandboxRequest, TokenStore } from '../../core/types';
import { insufficientScope, unauthenticated } from './errors';

const AUTH = 'https://www.googleapis.com/auth';

export const PICKER_SCOPE = `${AUTH}/photospicker.mediaitems.readonly`;
export const APPEND_SCOPE = `${AUTH}/photoslibrary.appendonly`;
export const READ_APP_CREATED_SCOPE = `${AUTH}/photoslibrary.readonly.appcreateddata`;

/** The grant behind the request's token, when it holds one of `anyOf`; else throws Google's refusal. */
export function authorise(tokens: TokenStore, req: SandboxRequest, anyOf: readonly string[], service: string): Grant {
  const check = tokens.check('google', req.headers.authorization, anyOf);
  if (check.ok) return check.grant;
  throw check.reason === 'insufficient-scope' ? insufficientScope(service) : unauthenticated();
}
