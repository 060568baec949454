/**
 * `npm run demo`: Ferry in Chromium next to the local sandboxes, with sample data.
 *
 *   npm run demo                       interactive: a window to click through (headed where a display exists)
 *   npm run demo -- --headless --from google --to microsoft --types calendar,contacts,tasks,mail,photos \
 *       [--data DIR] [--dump OUT] [--report REPORT.json]
 *                                      the whole flow by itself, consent pages included; exits 1 if any item failed
 *   npm run demo -- --headless --from caldav --to google --url URL --username U --password P --types calendar
 *                                      one side a real server of the tester's (CalDAV, CardDAV, WebDAV), the other a sandbox
 *   npm run demo -- --headless --from google --to archive --out BACKUP.zip --types calendar,contacts,mail
 *   npm run demo -- --headless --from archive --in BACKUP.zip --to microsoft --types mail
 *   npm run demo -- --headless --from takeout --in takeout-001.zip,takeout-002.zip --to google --types photos
 *                                      files on disk: the Ferry archive both ways; Takeout, Instagram, Facebook exports as sources
 */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { providers as registeredProviders } from '../../adapters';
import { DATA_TYPES, DATA_TYPE_LABELS, type DataType } from '../../model/data-types';
import type { ProviderName } from '../sandbox/core/types';
import { DEFAULT_SANDBOX_PORT } from '../sandbox/identity';
import { startSandbox } from '../sandbox/server';
import { writeSampleCalendars } from '../sandbox/sample-data/calendar';
import { writeSampleContacts } from '../sandbox/sample-data/contacts';
import { writeSampleMail } from '../sandbox/sample-data/mail';
import { writeSamplePhotos } from '../sandbox/sample-data/photos';
import { writeSampleTasks } from '../sandbox/sample-data/tasks';
import { launchFerry } from './browser';
import { buildSandboxExtension } from './build-extension';
import { FerryApp, type PasswordLogin } from './ferry-app';
import { startTransfer } from './scenario';

const PROVIDERS: readonly ProviderName[] = ['google', 'microsoft'];
/** Providers that sign in with an app password: the tester's own server stands on that side (caldav, carddav, webdav). */
const PASSWORD_PROVIDERS = registeredProviders.filter((p) => p.auth.kind === 'password').map((p) => p.id);
/** Providers of files on disk: `--in` names what a source reads, `--out` where the archive is saved. */
const LOCAL_FILES_PROVIDERS = registeredProviders.filter((p) => p.auth.kind === 'local-files').map((p) => p.id);
const isSandboxSide = (id: string): id is ProviderName => (PROVIDERS as readonly string[]).includes(id);
const isLocalFilesSide = (id: string): boolean => LOCAL_FILES_PROVIDERS.includes(id);
const providerName = (id: string): string => registeredProviders.find((p) => p.id === id)?.name ?? id;

interface DemoOptions {
  headless: boolean;
  from: string;
  to: string;
  /** The server, user name and app password of the side that is not a sandbox. */
  login?: PasswordLogin;
  /** The files a source of files reads (`--in`). */
  inputs?: string[];
  /** Where a destination of files (the archive) is saved (`--out`). */
  out?: string;
  types: DataType[];
  data?: string;
  dump?: string;
  report?: string;
  screenshot?: string;
}

function parseOptions(argv: string[]): DemoOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      headless: { type: 'boolean', default: false },
      from: { type: 'string', default: 'google' },
      to: { type: 'string', default: 'microsoft' },
      types: { type: 'string', default: 'calendar' },
      data: { type: 'string' },
      dump: { type: 'string' },
      report: { type: 'string' },
      screenshot: { type: 'string' },
      url: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      in: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${readUsage()}\n`);
    process.exit(0);
  }
  const provider = (name: string, flag: string): string => {
    const known = [...PROVIDERS, ...PASSWORD_PROVIDERS, ...LOCAL_FILES_PROVIDERS];
    if (!known.includes(name)) fail(`--${flag} must be one of ${known.join(', ')} (got "${name}")`);
    return name;
  };
  const types = values.types.split(',').map((t) => t.trim()) as DataType[];
  const unknown = types.filter((t) => !(DATA_TYPES as readonly string[]).includes(t));
  if (unknown.length) fail(`--types: unknown data type(s) ${unknown.join(', ')}; known: ${DATA_TYPES.join(', ')}`);
  const options: DemoOptions = {
    headless: values.headless,
    from: provider(values.from, 'from'),
    to: provider(values.to, 'to'),
    types,
    data: values.data && path.resolve(values.data),
    dump: values.dump && path.resolve(values.dump),
    report: values.report && path.resolve(values.report),
    screenshot: values.screenshot && path.resolve(values.screenshot),
  };
  if (options.from === options.to) fail('--from and --to must be different services');
  if (isLocalFilesSide(options.from)) {
    if (!values.in) fail(`--from ${options.from} needs --in FILE.zip (several files of one export: --in A.zip,B.zip)`);
    options.inputs = values.in.split(',').map((file) => path.resolve(file.trim()));
  }
  if (isLocalFilesSide(options.to)) {
    if (!registeredProviders.find((p) => p.id === options.to)?.completeJob) fail(`--to ${options.to}: Ferry only reads ${options.to} exports; write to archive instead`);
    if (!values.out) fail(`--to ${options.to} needs --out FILE.zip (where the archive is saved)`);
    options.out = path.resolve(values.out);
  }
  const ownServer = [options.from, options.to].filter((id) => !isSandboxSide(id) && !isLocalFilesSide(id));
  if (ownServer.length > 1) fail('one side must be a sandbox (google or microsoft) or files on disk; --url, --username and --password name the other');
  if (ownServer.length === 1) {
    if (!values.url || values.username === undefined || values.password === undefined) {
      fail(`--${ownServer[0] === options.from ? 'from' : 'to'} ${ownServer[0]} needs --url URL --username U --password P (your server)`);
    }
    if (options.data && !isSandboxSide(options.from)) fail('--data seeds a sandbox source; your own server is moved as it is');
    if (options.dump && !isSandboxSide(options.to)) fail('--dump reads a sandbox destination; look at your own server directly');
    options.login = { url: values.url, username: values.username, password: values.password };
  }
  return options;
}

function readUsage(): string {
  return [
    'npm run demo [-- options]',
    '  --headless           run the whole transfer by itself and exit (otherwise: a browser window to click through)',
    '  --from P --to P      google | microsoft (default google → microsoft); one side may be caldav | carddav | webdav',
    '                       or files on disk: archive (both ways), takeout | instagram | facebook (from only)',
    '  --url URL --username U --password P',
    '                       the server, user name and app password of that caldav/carddav/webdav side',
    '  --in FILE[,FILE]     the zip file(s) a files source reads (a Takeout split in parts: all of them)',
    '  --out FILE.zip       where --to archive saves the archive',
    `  --types T[,T]        ${DATA_TYPES.join(', ')} (default calendar)`,
    '  --data DIR           seed the source account from DIR: calendar/*.ics, contacts/*.vcf, tasks/*.ics (VTODO),',
    '                       mail/<folder>.mbox, photos/<album>/<file> + <file>.json; default: generated sample data',
    '  --dump OUT           write the destination account to OUT afterwards (same layout)',
    '  --report FILE        write a JSON report: counts per data type, failures with reasons, bytes, seconds',
    '  --screenshot FILE    a PNG of the transfer page while the transfer runs (a third of the items moved)',
  ].join('\n');
}

function fail(message: string): never {
  process.stderr.write(`demo: ${message}\n${readUsage()}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const interactive = !options.headless && hasDisplay;
  if (!options.headless && !hasDisplay) {
    process.stdout.write('No display here: running the whole transfer headless instead (see --help).\n');
  }

  process.stdout.write('Building the sandbox build of Ferry…\n');
  buildSandboxExtension();
  const sandbox = await startSandbox({ port: Number(process.env.FERRY_SANDBOX_PORT ?? DEFAULT_SANDBOX_PORT) });
  const dataDir = options.data ?? (await sampleData(interactive ? SAMPLE_TYPES : options.types));
  if (isSandboxSide(options.from)) await sandbox.providers[options.from].seed(dataDir);
  if (interactive) {
    const other = PROVIDERS.find((p) => p !== options.from)!;
    // Different sample data on the other side, so either direction can be tried without collisions.
    await sandbox.providers[other].seed(await sampleData(SAMPLE_TYPES, 2));
  }
  process.stdout.write(
    isSandboxSide(options.from)
      ? `Sandbox at ${sandbox.origin}; ${options.from} seeded from ${dataDir}\n`
      : options.inputs
        ? `Sandbox at ${sandbox.origin}; ${options.from} reads ${options.inputs.join(', ')}\n`
        : `Sandbox at ${sandbox.origin}; ${options.from} is your server at ${options.login?.url}, moved as it is\n`,
  );

  const browser = await launchFerry({ headless: !interactive, userDataDir: await mkdtemp(path.join(os.tmpdir(), 'ferry-demo-profile-')) });
  const app = await FerryApp.open(browser.context, browser.extensionId);
  if (interactive) {
    process.stdout.write('Ferry is open: choose From and To, connect both (click Approve), pick what to move, Start. Close the browser to stop.\n');
    await new Promise<void>((resolve) => browser.context.on('close', () => resolve()));
    await sandbox.close();
    return;
  }

  const started = Date.now();
  const labels = options.types.map((t) => DATA_TYPE_LABELS[t]);
  if (isSandboxSide(options.from) && isSandboxSide(options.to)) {
    await startTransfer(app, { from: options.from, to: options.to, types: labels });
  } else {
    await app.choose(providerName(options.from), providerName(options.to));
    for (const side of [options.from, options.to]) {
      if (isSandboxSide(side)) await app.connect(providerName(side));
      else if (side === options.from && options.inputs) await app.chooseFiles(providerName(side), options.inputs);
      else if (!isLocalFilesSide(side)) await app.connectWithPassword(providerName(side), options.login!);
    }
    await app.selectTypes(labels);
    await app.start();
  }
  if (options.screenshot) {
    await app.waitForJob((j) => j.status !== 'running' || j.progress.some((p) => p.exportDone && p.moved >= p.total / 3));
    // The page polls twice a second: let it catch up with the state just read.
    await app.page.waitForTimeout(1_000);
    await app.page.screenshot({ path: options.screenshot, fullPage: true });
  }
  const job = await app.waitForJob((j) => j.status !== 'running', 60 * 60_000);
  const seconds = (Date.now() - started) / 1000;
  if (options.out && job.output) {
    await app.saveOutput(options.out);
    process.stdout.write(`archive saved: ${options.out} (${job.output.bytes} bytes)\n`);
  }
  if (options.dump && isSandboxSide(options.to)) {
    await mkdir(options.dump, { recursive: true });
    await sandbox.providers[options.to].dump(options.dump);
  }
  const report = {
    from: options.from,
    to: options.to,
    status: job.status,
    statusMessage: job.statusMessage,
    seconds,
    dataTypes: Object.fromEntries(
      job.progress.map((p) => [p.dataType, { total: p.total, moved: p.moved, skipped: p.skipped, failed: p.failed, bytes: p.bytes, itemsPerSecond: p.moved / seconds }]),
    ),
    bytes: job.progress.reduce((sum, p) => sum + p.bytes, 0),
    failures: job.failures,
    skipped: job.skipped,
    losses: job.losses,
  };
  if (options.report) await writeFile(options.report, `${JSON.stringify(report, null, 2)}\n`);
  for (const p of job.progress) {
    process.stdout.write(`${p.dataType}: ${p.moved} moved, ${p.skipped} skipped, ${p.failed} failed of ${p.total} in ${seconds.toFixed(1)} s (${(p.moved / seconds).toFixed(1)} items/s)\n`);
  }
  for (const f of job.failures) process.stdout.write(`  failed: ${f.title}: ${f.message}\n`);
  await browser.context.close();
  await sandbox.close();
  process.exit(job.status === 'done' && job.failures.length === 0 ? 0 : 1);
}

/** Sample data per data type, in the archive layout (`tests/sandbox/README.md`). */
const SAMPLE_WRITERS: Partial<Record<DataType, (dir: string, seed: number) => Promise<unknown>>> = {
  calendar: (dir, seed) => writeSampleCalendars(dir, { seed }),
  contacts: (dir, seed) => writeSampleContacts(dir, { seed }),
  tasks: (dir, seed) => writeSampleTasks(dir, { seed }),
  mail: (dir, seed) => writeSampleMail(dir, { seed }),
  photos: (dir, seed) => writeSamplePhotos(dir, { seed }),
};
const SAMPLE_TYPES = Object.keys(SAMPLE_WRITERS) as DataType[];

async function sampleData(types: readonly DataType[], seed = 1): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-sample-'));
  for (const type of types) await SAMPLE_WRITERS[type]?.(dir, seed);
  return dir;
}

main().catch((error: unknown) => {
  process.stderr.write(`demo: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
