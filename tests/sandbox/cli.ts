/**
 * Runs the sandbox until stopped: `npx tsx tests/sandbox/cli.ts [options]` (see tests/sandbox/README.md).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ProviderName } from './core/types';
import { wanFromEnv } from './core/wan';
import { writeSampleCalendars } from './sample-data/calendar';
import { startSandbox } from './server';

const USAGE = `usage: npx tsx tests/sandbox/cli.ts [--port N] [--sample] [--wan LATENCY_MS,MBIT]
  [--seed google|microsoft --data DIR]... [--seed-google DIR] [--seed-microsoft DIR]
  [--dump-provider google|microsoft --dump DIR]...   (dumped when stopped with Ctrl-C or SIGTERM)`;

interface DirFor {
  provider: ProviderName;
  dir: string;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      wan: { type: 'string' },
      seed: { type: 'string', multiple: true },
      data: { type: 'string', multiple: true },
      'seed-google': { type: 'string' },
      'seed-microsoft': { type: 'string' },
      sample: { type: 'boolean' },
      'dump-provider': { type: 'string', multiple: true },
      dump: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void console.log(USAGE);
  const seed = [...pairs('--seed', values.seed, '--data', values.data)];
  if (values['seed-google']) seed.push({ provider: 'google', dir: values['seed-google'] });
  if (values['seed-microsoft']) seed.push({ provider: 'microsoft', dir: values['seed-microsoft'] });
  if (values.sample) seed.push(...(await sampleSeeds()));
  const dumps = pairs('--dump-provider', values['dump-provider'], '--dump', values.dump);
  const port = values.port === undefined ? undefined : portNumber(values.port);

  const wan = wanFromEnv(values.wan ?? process.env.FERRY_SANDBOX_WAN);
  const sandbox = await startSandbox({ ...(port === undefined ? {} : { port }), seed, ...(wan && { wan }) });
  console.log(`Ferry sandbox: ${sandbox.origin}${wan ? ` (emulated WAN: ${wan.latencyMs} ms each way, ${wan.mbit} Mbit/s each direction)` : ''}`);
  for (const { provider, dir } of seed) console.log(`  seeded ${provider} from ${dir}`);
  console.log(`  control API: ${sandbox.origin}/__sandbox/health · Ctrl-C stops${dumps.length ? ' and dumps' : ''}`);

  const stop = async () => {
    for (const { provider, dir } of dumps) {
      await sandbox.providers[provider].dump(dir);
      console.log(`  dumped ${provider} to ${dir}`);
    }
    await sandbox.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop().catch(fail));
  process.once('SIGTERM', () => void stop().catch(fail));
}

function pairs(nameFlag: string, names: string[] = [], dirFlag: string, dirs: string[] = []): DirFor[] {
  if (names.length !== dirs.length) throw new Error(`each ${nameFlag} needs its own ${dirFlag} (got ${names.length} and ${dirs.length})`);
  return names.map((provider, i) => ({ provider: providerName(provider), dir: dirs[i]! }));
}

function providerName(value: string): ProviderName {
  if (value === 'google' || value === 'microsoft') return value;
  throw new Error(`unknown provider "${value}": use google or microsoft`);
}

function portNumber(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got "${value}"`);
  return port;
}

async function sampleSeeds(): Promise<DirFor[]> {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-sample-'));
  const { eventCount } = await writeSampleCalendars(dir);
  console.log(`  sample data: ${eventCount} events in ${dir}`);
  return [
    { provider: 'google', dir },
    { provider: 'microsoft', dir },
  ];
}

function fail(error: unknown): never {
  console.error(`sandbox: ${(error as Error).message ?? error}\n${USAGE}`);
  process.exit(1);
}

main().catch(fail);
