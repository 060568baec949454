/**
 * The Gmail API v1 at gmail.googleapis.com for alice@example.com: labels, messages (list, get in every
 * format, raw streamed) and messages.import through the upload protocols, and the batch endpoint, behind
 * Gmail's scopes and its per-user quota units (each call of a batch spends its own). Seeds from and dumps to `mail/<folder>.mbox`.
 */
import type { SandboxContext, SandboxDataType, SandboxReply, SandboxRequest, TokenStore } from '../../core/types';
import { GOOGLE_ACCOUNT } from '../account';
import { GoogleApiError, badRequest, insufficientScopes, invalidCredentials, notFound } from '../errors';
import { pathSegments } from '../http';
import { readParams, type Params } from '../calendar/query-params';
import { dumpMailbox, seedMailbox } from './archive';
import { GMAIL_BATCH_PATHS, handleGmailBatch } from './batch';
import { createLabel, getLabel, listLabels } from './labels-api';
import { getMessage, listMessages } from './messages-api';
import { GMAIL_METHOD_SCOPES, GMAIL_PARAMS, GMAIL_QUOTA_UNITS, GMAIL_STANDARD_PARAMS, METADATA_ONLY_SCOPES, type GmailMethodId } from './methods';
import { GmailQuota, gmailQuotaFromEnv, type GmailQuotaOptions } from './quota';
import { GmailMailbox } from './store';
import { createUploadEndpoint, finishImport } from './upload';

export const GMAIL_HOST = 'gmail.googleapis.com';

export interface GmailSandboxOptions {
  /** Per-user quota; null turns it off. Default: env FERRY_SANDBOX_GMAIL_QUOTA, else Gmail's 250 units/s. */
  quota?: GmailQuotaOptions | null;
}

interface Route {
  method: GmailMethodId;
  id?: string;
  upload?: 'start' | 'chunk';
}

function routeOf(httpMethod: string, path: string, query: URLSearchParams): Route | undefined {
  const segments = pathSegments(path);
  const uploadAt = segments[0] === 'upload' ? 1 : segments[0] === 'resumable' && segments[1] === 'upload' ? 2 : 0;
  const [api, version, users, , resource, id, action] = segments.slice(uploadAt);
  if (api !== 'gmail' || version !== 'v1' || users !== 'users') return undefined;
  const n = segments.length - uploadAt;
  if (uploadAt) {
    if (resource !== 'messages' || id !== 'import' || n !== 6) return undefined;
    if (httpMethod === 'POST' && !query.has('upload_id')) return { method: 'messages.import', upload: 'start' };
    if ((httpMethod === 'PUT' || httpMethod === 'POST') && query.has('upload_id')) return { method: 'messages.import', upload: 'chunk' };
    return undefined;
  }
  if (resource === 'labels' && n === 5) return httpMethod === 'GET' ? { method: 'labels.list' } : httpMethod === 'POST' ? { method: 'labels.create' } : undefined;
  if (resource === 'labels' && n === 6 && httpMethod === 'GET') return { method: 'labels.get', id };
  if (resource === 'messages' && n === 5 && httpMethod === 'GET') return { method: 'messages.list' };
  if (resource === 'messages' && n === 6 && id === 'import' && httpMethod === 'POST') return { method: 'messages.import' };
  if (resource === 'messages' && n === 6 && httpMethod === 'GET' && action === undefined) return { method: 'messages.get', id };
  return undefined;
}

function checkUser(path: string): void {
  const segments = pathSegments(path);
  const user = segments[segments.indexOf('users') + 1];
  if (user !== 'me' && user?.toLowerCase() !== GOOGLE_ACCOUNT.email) {
    throw new GoogleApiError(403, [{ domain: 'global', reason: 'forbidden', message: `Delegation denied for ${GOOGLE_ACCOUNT.email}` }]);
  }
}

function authorise(tokens: TokenStore, req: SandboxRequest, method: GmailMethodId): { scopes: string[] } | SandboxReply {
  const queryToken = req.query.get('oauth_token') ?? req.query.get('access_token');
  const authorization = req.headers.authorization ?? (queryToken ? `Bearer ${queryToken}` : undefined);
  const scopes = GMAIL_METHOD_SCOPES[method];
  const check = tokens.check('google', authorization, scopes);
  if (check.ok) return { scopes: check.grant.scopes };
  return check.reason === 'insufficient-scope' ? insufficientScopes(scopes) : invalidCredentials();
}

const withoutUploadParams = (query: URLSearchParams): URLSearchParams => {
  const q = new URLSearchParams(query);
  q.delete('upload_id');
  return q;
};

async function jsonBody(req: SandboxRequest): Promise<unknown> {
  const text = (await req.body()).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('Invalid JSON payload received. Unexpected token.', 'parseError');
  }
}

export function createGmailSandbox(deps: { ctx: SandboxContext; now: () => number }, options: GmailSandboxOptions = {}): SandboxDataType & { mailbox: GmailMailbox } {
  const mailbox = new GmailMailbox(deps.now);
  const quotaOptions = options.quota === undefined ? gmailQuotaFromEnv(process.env.FERRY_SANDBOX_GMAIL_QUOTA) : options.quota;
  const quota = quotaOptions ? new GmailQuota(quotaOptions, deps.now) : undefined;
  const uploads = createUploadEndpoint(mailbox, `${deps.ctx.hostUrl(GMAIL_HOST)}/upload/gmail/v1/users/me/messages/import`);

  async function run(req: SandboxRequest, route: Route, params: Params, metadataOnly: boolean): Promise<SandboxReply> {
    switch (route.method) {
      case 'labels.list':
        return { status: 200, body: listLabels(mailbox) };
      case 'labels.get':
        return { status: 200, body: getLabel(mailbox, route.id!) };
      case 'labels.create':
        return { status: 200, body: createLabel(mailbox, await jsonBody(req)) };
      case 'messages.list':
        if (metadataOnly && params.q !== undefined) {
          throw new GoogleApiError(403, [{ domain: 'global', reason: 'forbidden', message: "Metadata scope does not support 'q' parameter" }]);
        }
        return { status: 200, body: listMessages(mailbox, params) };
      case 'messages.get': {
        const answer = getMessage(mailbox, route.id!, params, metadataOnly);
        return 'pipe' in answer ? { status: 200, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: answer } : { status: 200, body: answer };
      }
      case 'messages.import': {
        if (route.upload === 'start') return uploads.start(req, params);
        const body = (await jsonBody(req)) as { raw?: unknown; labelIds?: unknown };
        if (typeof body.raw !== 'string') throw badRequest("'raw' RFC822 payload message string or uploading message via /upload/* URL required", 'invalidArgument');
        const labelIds = Array.isArray(body.labelIds) ? body.labelIds.map(String) : [];
        const made = finishImport(mailbox, Buffer.from(body.raw, 'base64url'), labelIds, params);
        return { status: 200, body: { id: made.id, threadId: made.threadId, labelIds: made.labelIds } };
      }
    }
  }

  async function handle(req: SandboxRequest): Promise<SandboxReply | undefined> {
    if (req.host !== GMAIL_HOST) return undefined;
    if (req.method === 'POST' && GMAIL_BATCH_PATHS.includes(req.path)) return handleGmailBatch(req, GMAIL_HOST, handle);
    const route = routeOf(req.method, req.path, req.query);
    if (!route) return notFound().reply();
    try {
      // A session URI is the credential for its chunks; they cost no further quota.
      if (route.upload === 'chunk') return await uploads.chunk(req, req.query.get('upload_id') ?? '');
      const grant = authorise(deps.ctx.tokens, req, route.method);
      if (!('scopes' in grant)) return grant;
      checkUser(req.path);
      quota?.spend(GMAIL_QUOTA_UNITS[route.method]);
      const params = readParams(withoutUploadParams(req.query), { ...GMAIL_STANDARD_PARAMS, ...GMAIL_PARAMS[route.method] });
      const metadataOnly = grant.scopes.every((s) => !GMAIL_METHOD_SCOPES[route.method].includes(s) || METADATA_ONLY_SCOPES.includes(s));
      return await run(req, route, params, metadataOnly);
    } catch (error) {
      if (error instanceof GoogleApiError) return error.reply();
      throw error;
    }
  }

  return {
    name: 'mail',
    hosts: [GMAIL_HOST],
    mailbox,
    handle,
    seed: (dataDir) => seedMailbox(mailbox, dataDir),
    dump: (outDir) => dumpMailbox(mailbox, outDir),
    snapshot: () => ({
      labels: [...mailbox.labels.values()],
      messages: mailbox.ordered().map((m) => ({ id: m.id, threadId: m.threadId, labelIds: m.labelIds, internalDate: String(m.internalDate), sizeEstimate: m.raw.length })),
    }),
    reset: () => {
      mailbox.reset();
      uploads.reset();
      quota?.reset();
    },
  };
}

