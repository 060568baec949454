/**
 * Real CalDAV/CardDAV servers for tests: Radicale (with its own htpasswd user) and Xandikos (which has no
 * authentication of its own; it ignores the Basic header), each started on a free 127.0.0.1 port in a temp
 * dir, waited for until it answers, and stopped with its files removed. A missing binary fails with the
 * command that installs it: CI installs both, so these tests never skip silently.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { FetchLike } from '../../model/adapter';

export type DavServerName = 'radicale' | 'xandikos';

export interface RunningDavServer {
  name: DavServerName;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  user: string;
  password: string;
  /** Where the user's calendars and address books live. */
  homes: { caldav: string; carddav: string };
  /** fetch with the user's Basic credentials, as the connect step's fetch sends them. */
  fetch: FetchLike;
  close(): Promise<void>;
}

const USER = 'ferry';
const PASSWORD = 'app-password-Ä1';

function onPath(binary: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, binary)));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export function basicAuthFetch(user: string, password: string): FetchLike {
  const authorization = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
  return (url, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', authorization);
    return fetch(url, { ...init, headers });
  };
}

async function waitUntilAnswering(origin: string, child: ChildProcess, log: () => string, name: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before answering:\n${log()}`);
    try {
      await fetch(`${origin}/`, { method: 'OPTIONS' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not answer on ${origin} within 20 s:\n${log()}`);
}

async function launch(name: DavServerName, args: (dir: string, port: number) => Promise<string[]>, binary: string, homes: { caldav: string; carddav: string }): Promise<RunningDavServer> {
  if (!onPath(binary)) throw new Error(`${binary} is not installed; these tests start a real one. Install it with: apt-get install -y ${binary}`);
  const dir = await mkdtemp(join(tmpdir(), `ferry-${name}-`));
  const port = await freePort();
  const child = spawn(binary, await args(dir, port), { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const origin = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(origin, child, () => output, name);
  return {
    name,
    origin,
    user: USER,
    password: PASSWORD,
    homes: { caldav: `${origin}${homes.caldav}`, carddav: `${origin}${homes.carddav}` },
    fetch: basicAuthFetch(USER, PASSWORD),
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Radicale with one user (plain htpasswd) who may read and write only their own collections. */
export function startRadicale(): Promise<RunningDavServer> {
  return launch(
    'radicale',
    async (dir, port) => {
      await writeFile(join(dir, 'users'), `${USER}:${PASSWORD}\n`);
      const config = [
        '[server]',
        `hosts = 127.0.0.1:${port}`,
        '[auth]',
        'type = htpasswd',
        `htpasswd_filename = ${join(dir, 'users')}`,
        'htpasswd_encryption = plain',
        '[storage]',
        `filesystem_folder = ${join(dir, 'collections')}`,
        '[rights]',
        'type = owner_only',
        '[logging]',
        'level = warning',
      ].join('\n');
      await writeFile(join(dir, 'config'), config);
      return ['--config', join(dir, 'config')];
    },
    'radicale',
    { caldav: `/${USER}/`, carddav: `/${USER}/` },
  );
}

/** Xandikos serving one principal at /ferry/ (it creates the principal and its homes itself). */
export function startXandikos(): Promise<RunningDavServer> {
  return launch(
    'xandikos',
    async (dir, port) => ['-d', dir, '-l', '127.0.0.1', '-p', String(port), '--autocreate', '--current-user-principal', `/${USER}/`],
    'xandikos',
    { caldav: `/${USER}/calendars/`, carddav: `/${USER}/contacts/` },
  );
}
