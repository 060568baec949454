/**
 * Real CalDAV/CardDAV servers for tests: Radicale (with its own htpasswd user) and Xandikos (which has no
 * authentication of its own; it ignores the Basic header), each started on a free 127.0.0.1 port in a temp
 * dir, waited for until it answers, and stopped with its files removed. A missing binary fails with the
 * command that installs it: CI installs both, so these tests never skip silently.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FetchLike } from '../../model/adapter';
import { freePort, installedBinary, startLocalServer } from './local-server';

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

export function basicAuthFetch(user: string, password: string): FetchLike {
  const authorization = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
  return (url, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', authorization);
    return fetch(url, { ...init, headers });
  };
}

async function launch(name: DavServerName, args: (dir: string, port: number) => Promise<string[]>, binary: string, homes: { caldav: string; carddav: string }): Promise<RunningDavServer> {
  const path = installedBinary(binary);
  const dir = await mkdtemp(join(tmpdir(), `ferry-${name}-`));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = await startLocalServer({ name, binary: path, args: await args(dir, port), answering: () => fetch(`${origin}/`, { method: 'OPTIONS' }).then(() => true) });
  return {
    name,
    origin,
    user: USER,
    password: PASSWORD,
    homes: { caldav: `${origin}${homes.caldav}`, carddav: `${origin}${homes.carddav}` },
    fetch: basicAuthFetch(USER, PASSWORD),
    async close() {
      await server.stop();
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
