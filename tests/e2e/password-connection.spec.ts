/**
 * Connecting a CalDAV server with an app password, in real Chromium against a real Radicale (a plain htpasswd user):
 * a wrong password is refused with a sentence, the right one connects, the password never reaches storage.local,
 * IndexedDB or the profile on disk in the clear, a browser restart asks for it again (with the server and user name
 * filled in), disconnecting forgets it, and a calendar moves from the Google sandbox to the server.
 * Needs the CalDAV adapter (provider id `caldav`) in the registry.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { providerById } from '../../adapters';
import { launchFerry } from '../harness/browser';
import { FerryApp } from '../harness/ferry-app';
import { test, expect } from '../harness/fixtures';
import { freePort, installedBinary, startLocalServer } from '../harness/local-server';
import { filesHolding, storedText } from '../harness/secrets-at-rest';
import { PROVIDER_NAMES } from '../harness/scenario';
import { writeSampleCalendars } from '../sandbox/sample-data/calendar';

const USER = 'ferry';
/** Non-ASCII on purpose: Basic auth carries the password as UTF-8. */
const PASSWORD = 'app-password-canary-Ä-3d9f';
const CALDAV = caldavName();

function caldavName(): string {
  try {
    return providerById('caldav').name;
  } catch {
    throw new Error('This spec connects the CalDAV adapter (provider id "caldav"), which is not in adapters/index.ts.');
  }
}

interface Radicale {
  url: string;
  close(): Promise<void>;
}

async function startRadicale(dir: string): Promise<Radicale> {
  const binary = installedBinary('radicale');
  await mkdir(dir, { recursive: true });
  const users = path.join(dir, 'users');
  await writeFile(users, `${USER}:${PASSWORD}\n`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const server = await startLocalServer({
    name: 'Radicale',
    binary,
    args: [
      '--server-hosts', `127.0.0.1:${port}`,
      '--auth-type', 'htpasswd',
      '--auth-htpasswd-filename', users,
      '--auth-htpasswd-encryption', 'plain',
      '--auth-delay', '0',
      '--storage-filesystem-folder', path.join(dir, 'collections'),
    ],
    answering: () => fetch(url, { method: 'OPTIONS' }).then(() => true),
  });
  return { url, close: () => server.stop() };
}

/** Every event UID in the seed's .ics files. */
async function uidsIn(dir: string): Promise<string[]> {
  const uids = new Set<string>();
  for (const file of await readdir(dir)) {
    if (file.endsWith('.ics')) for (const uid of uidsOf(await readFile(path.join(dir, file), 'utf8'))) uids.add(uid);
  }
  return [...uids].sort();
}

/** Every event UID in the user's calendars at Radicale, which answers a GET on a calendar with all of it. */
async function uidsAt(serverUrl: string): Promise<string[]> {
  const headers = { authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`, 'utf8').toString('base64')}` };
  const home = new URL(`/${USER}/`, serverUrl);
  const listing = await fetch(home, { method: 'PROPFIND', headers: { ...headers, depth: '1' } });
  expect(listing.status).toBe(207);
  const hrefs = [...(await listing.text()).matchAll(/<[A-Za-z]*:?href>([^<]+)<\/[A-Za-z]*:?href>/g)].map((m) => m[1]!).filter((href) => href !== home.pathname);
  const uids = new Set<string>();
  for (const href of hrefs) {
    const calendar = await fetch(new URL(href, serverUrl), { headers });
    if (calendar.ok) for (const uid of uidsOf(await calendar.text())) uids.add(uid);
  }
  return [...uids].sort();
}

function uidsOf(ics: string): string[] {
  return [...ics.replace(/\r?\n[ \t]/g, '').matchAll(/^UID:(.+)$/gm)].map((m) => m[1]!.trim());
}

test('an app password: refused when wrong, sealed when right, asked again after a restart, forgotten on disconnect', async ({ app, ferry, scratch, profileDir }) => {
  const radicale = await startRadicale(path.join(scratch, 'radicale'));
  try {
    await app.choose(CALDAV, PROVIDER_NAMES.google);
    await expect(app.page.getByRole('link', { name: 'iCloud', exact: true })).toBeVisible();

    await expect(app.connectWithPassword(CALDAV, { url: radicale.url, username: USER, password: 'not-the-password' })).rejects.toThrow(
      'The server refused that user name and app password',
    );
    await expect(app.page.getByRole('button', { name: `Disconnect ${CALDAV}`, exact: true })).toHaveCount(0);

    await app.connectWithPassword(CALDAV, { url: radicale.url, username: USER, password: PASSWORD });
    await expect(app.page.getByText('There is nothing for Ferry to revoke at the server')).toBeVisible();
    const stored = await storedText(app.page);
    expect(stored).toContain('auth:password:caldav');
    expect(stored).toContain(radicale.url);
    expect(stored.includes(PASSWORD), 'the app password in storage.local or IndexedDB').toBe(false);
    await ferry.context.close();
    const secrets = [PASSWORD, Buffer.from(`${USER}:${PASSWORD}`, 'utf8').toString('base64')];
    expect(await filesHolding(profileDir, secrets), 'the app password written to the profile on disk').toEqual([]);
    expect(ferry.consoleLines.filter((line) => secrets.some((secret) => line.includes(secret)))).toEqual([]);

    // A restarted browser has lost the session key: the sealed password no longer opens.
    const restarted = await launchFerry({ userDataDir: profileDir });
    try {
      const again = await FerryApp.open(restarted.context, restarted.extensionId);
      await again.choose(CALDAV, PROVIDER_NAMES.google);
      await expect(again.page.getByText(`Ferry needs the app password for ${CALDAV} again`)).toBeVisible();
      const form = again.page.getByRole('form', { name: `Connect ${CALDAV}`, exact: true });
      await expect(form.getByLabel('Server address', { exact: true })).toHaveValue(radicale.url);
      await expect(form.getByLabel('User name', { exact: true })).toHaveValue(USER);
      await again.connectWithPassword(CALDAV, { url: radicale.url, username: USER, password: PASSWORD });

      await again.page.getByRole('button', { name: `Disconnect ${CALDAV}`, exact: true }).click();
      await expect(form.getByLabel('App password', { exact: true })).toBeVisible();
      const afterDisconnect = await storedText(again.page);
      expect(afterDisconnect).not.toContain('auth:password:caldav');
      expect(afterDisconnect).not.toContain('auth:connection:caldav');
    } finally {
      await restarted.context.close();
    }
  } finally {
    await radicale.close();
  }
});

test('a calendar moves from the Google sandbox to a CalDAV server connected with an app password', async ({ sandbox, app, scratch }) => {
  const radicale = await startRadicale(path.join(scratch, 'radicale'));
  try {
    await writeSampleCalendars(path.join(scratch, 'seed'), { events: 30 });
    await sandbox.control.seed('google', path.join(scratch, 'seed'));

    await app.choose(PROVIDER_NAMES.google, CALDAV);
    await app.connect(PROVIDER_NAMES.google);
    await app.connectWithPassword(CALDAV, { url: radicale.url, username: USER, password: PASSWORD });
    await app.selectTypes(['Calendar']);
    await app.start();
    const job = await app.waitForJob();

    expect(job.status, job.statusMessage).toBe('done');
    expect(job.failures).toEqual([]);
    const [calendar] = job.progress;
    expect(calendar?.total).toBeGreaterThanOrEqual(30);
    expect(calendar?.moved).toBe(calendar?.total);
    expect(await uidsAt(radicale.url)).toEqual(await uidsIn(path.join(scratch, 'seed', 'calendar')));
  } finally {
    await radicale.close();
  }
});
