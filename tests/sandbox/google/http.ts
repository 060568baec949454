/** Small request/reply helpers shared by the Google sandbox's hosts. */
import type { SandboxReply, SandboxRequest } from '../core/types';

export const html = (status: number, body: string, headers: Record<string, string> = {}): SandboxReply => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8', ...headers },
  body,
});

export const redirect = (location: string, headers: Record<string, string> = {}): SandboxReply => ({
  status: 302,
  headers: { location, 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate', ...headers },
});

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function cookies(req: SandboxRequest): Map<string, string> {
  const jar = new Map<string, string>();
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return jar;
}

/** Query parameters merged with an `application/x-www-form-urlencoded` body (body wins). */
export async function formParams(req: SandboxRequest): Promise<URLSearchParams> {
  const params = new URLSearchParams(req.query);
  if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams((await req.body()).toString('utf8'))) params.set(k, v);
  }
  return params;
}

export const pathSegments = (path: string): string[] =>
  path.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
