/** The benchmark's command line: `npm run bench -- [--quick] [--scenario N]... [--latency-ms 40] [--mbit 200] [--out DIR]`. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../harness/paths';

export interface BenchOptions {
  quick: boolean;
  scenarios: number[];
  latencyMs: number;
  mbit: number;
  /** Where results go: `<out>/<timestamp>/`. */
  out: string;
  /** Overrides of the scenario sizes (for a run between --quick and the full one). */
  photos?: number;
  videoMiB?: number;
  contacts?: number;
  mails?: number;
  kills?: number;
  seed: number;
  /** Use the sandbox build already in .output (the e2e global setup made it). */
  skipBuild: boolean;
}

export const USAGE = `usage: npm run bench -- [--quick] [--scenario N]... [--latency-ms 40] [--mbit 200] [--out DIR]
  [--photos N] [--video-mib N] [--contacts N] [--mails N] [--kills N] [--seed N] [--skip-build]
scenarios: 1 photos → OneDrive, 2 one large video, 3 contacts Google → Microsoft, 4 mail Gmail → Outlook,
           5 scenario 1 with the worker killed at random points`;

function numberFlag(name: string, value: string | undefined, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number ≥ 0, not "${value}"\n${USAGE}`);
  return n;
}

export function parseBenchOptions(argv: string[]): BenchOptions | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      scenario: { type: 'string', multiple: true },
      'latency-ms': { type: 'string' },
      mbit: { type: 'string' },
      out: { type: 'string' },
      photos: { type: 'string' },
      'video-mib': { type: 'string' },
      contacts: { type: 'string' },
      mails: { type: 'string' },
      kills: { type: 'string' },
      seed: { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return undefined;
  const scenarios = (values.scenario ?? ['1', '2', '3', '4', '5']).flatMap((s) => s.split(',')).map(Number);
  for (const s of scenarios) if (![1, 2, 3, 4, 5].includes(s)) throw new Error(`--scenario takes 1 to 5, not "${s}"\n${USAGE}`);
  const sizes: Partial<Pick<BenchOptions, 'photos' | 'videoMiB' | 'contacts' | 'mails' | 'kills'>> = {};
  const size = (key: keyof typeof sizes, flag: string, value: string | undefined) => {
    const n = numberFlag(flag, value);
    if (n !== undefined) sizes[key] = n;
  };
  size('photos', 'photos', values.photos);
  size('videoMiB', 'video-mib', values['video-mib']);
  size('contacts', 'contacts', values.contacts);
  size('mails', 'mails', values.mails);
  size('kills', 'kills', values.kills);
  return {
    quick: values.quick ?? false,
    scenarios: [...new Set(scenarios)].sort(),
    latencyMs: numberFlag('latency-ms', values['latency-ms'], 40)!,
    mbit: numberFlag('mbit', values.mbit, 200)!,
    out: path.resolve(values.out ?? path.join(REPO_ROOT, 'bench-results')),
    seed: numberFlag('seed', values.seed, 1)!,
    skipBuild: values['skip-build'] ?? false,
    ...sizes,
  };
}
