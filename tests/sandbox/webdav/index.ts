/**
 * The WebDAV "sandbox" is a real server: `rclone serve webdav` (Debian's rclone package) over a temporary folder,
 * on a free port of 127.0.0.1, with a user name and password, started and stopped by the test that needs it.
 * Tests that use it fail (never skip) when rclone is missing, saying how to install it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { request, fetch as undiciFetch, type Dispatcher } from 'undici';
import type { AdapterContext, FetchLike } from '../../../model/adapter';
import { freePort, installedBinary, startLocalServer } from '../../harness/local-server';

export const RCLONE = process.env.RCLONE_PATH ?? '/usr/bin/rclone';

export interface RunningWebdav {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** The folder the server serves. */
  dir: string;
  user: string;
  password: string;
  /** Stops the server and removes its folder. */
  close(): Promise<void>;
}

/**
 * A request whose body is a stream, through undici's request API: Node's fetch (undici 7) reads a ReadableStream body
 * whole before the socket takes it (measured: +512 MiB of buffers for a 512 MiB PUT), where Chromium over HTTP/2
 * sends it as the socket drains (../shared/browser-facts.md). This keeps the Node tests as bounded as the browser.
 */
async function streamedRequest(url: string, init: RequestInit, headers: Headers): Promise<Response> {
  const answer = await request(url, {
    method: (init.method ?? 'PUT') as Dispatcher.HttpMethod,
    headers: Object.fromEntries(headers),
    body: Readable.fromWeb(init.body as NodeReadableStream<Uint8Array>),
    signal: init.signal ?? undefined,
  });
  const responseHeaders = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
  const empty = answer.statusCode === 204 || answer.statusCode === 304;
  if (empty) await answer.body.dump();
  return new Response(empty ? null : (Readable.toWeb(answer.body) as ReadableStream<Uint8Array>), { status: answer.statusCode, headers: responseHeaders });
}

/** A fetch that sends HTTP Basic credentials, as the engine's fetch does for a password connection. */
export function basicAuthFetch(user: string, password: string): FetchLike {
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  return async (url, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', authorization);
    if (init?.body instanceof ReadableStream) return streamedRequest(url, init, headers);
    return (await undiciFetch(url, { ...(init as Parameters<typeof undiciFetch>[1]), headers })) as unknown as Response;
  };
}

/** An adapter context for the server: identity URLs, Basic auth, the server URL as the person would type it. */
export const webdavContext = (server: RunningWebdav, serverUrl = server.url): AdapterContext => ({
  account: serverUrl,
  url: (real) => real,
  serverUrl,
  fetch: basicAuthFetch(server.user, server.password),
});

export async function startWebdav(options: { dir?: string } = {}): Promise<RunningWebdav> {
  const binary = installedBinary(RCLONE, 'rclone');
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'ferry-webdav-')));
  const port = await freePort();
  const user = 'alice';
  const password = 'ferry-app-password';
  const url = `http://127.0.0.1:${port}/`;
  const fetch = basicAuthFetch(user, password);
  const server = await startLocalServer({
    name: 'rclone serve webdav',
    binary,
    args: ['serve', 'webdav', dir, '--addr', `127.0.0.1:${port}`, '--user', user, '--pass', password, '--config', '/dev/null'],
    answering: async () => {
      const response = await fetch(url, { method: 'PROPFIND', headers: { depth: '0' } });
      await response.body?.cancel();
      return response.status === 207;
    },
    timeoutMs: 15_000,
  });
  return {
    url,
    dir,
    user,
    password,
    close: async () => {
      await server.stop();
      if (!options.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
