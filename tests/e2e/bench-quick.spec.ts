/**
 * Smoke test of `npm run bench -- --quick`: every scenario runs to the end and results.json holds every
 * measurement as a number. No timing is asserted: on a shared machine the numbers say nothing about a change.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { REPO_ROOT } from '../harness/paths';
import type { BenchResults, ScenarioResult } from '../bench/results';

test.setTimeout(900_000);

function runBench(outDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', 'tests/bench/run.ts', '--quick', '--skip-build', '--out', outDir], { cwd: REPO_ROOT, env: process.env });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

const at = (value: unknown, dotted: string): unknown => dotted.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], value);

const ALWAYS = [
  'count',
  'engine.seconds',
  'engine.items',
  'engine.bytes',
  'engine.perSecond',
  'limit.perSecond',
  'ratios.vsLimit',
  'memory.workerHeapIdleBytes',
  'memory.workerHeapPeakBytes',
  'memory.workerHeapGrowthBytes',
  'memory.browserRssIdleBytes',
  'memory.browserRssPeakBytes',
  'memory.browserRssGrowthBytes',
  'arrival.expected',
  'arrival.arrived',
  'arrival.duplicates',
  'arrival.missing',
];
const MEDIA_ONLY = ['baseline.seconds', 'baseline.items', 'baseline.bytes', 'baseline.perSecond', 'ratios.vsBaseline'];

function problemsOf(s: ScenarioResult): string[] {
  const problems: string[] = [];
  const numeric = (where: string, value: unknown) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`scenario ${s.id}: ${where} is ${JSON.stringify(value)}, not a number`);
  };
  for (const key of [...ALWAYS, ...(s.dataType === 'photos' ? MEDIA_ONLY : [])]) numeric(key, at(s, key));
  for (const [name, value] of Object.entries(s.limit.terms)) numeric(`limit.terms.${name}`, value);
  // The engine answers `engine/metrics` only where it keeps that account; otherwise the column is n/a (null), never partial.
  if (s.indexedDb !== null) for (const key of ['idbMs', 'idbTransactions', 'wallMs', 'share']) numeric(`indexedDb.${key}`, at(s.indexedDb, key));
  for (const [i, kill] of s.kills.entries()) for (const key of ['at', 'inFlightFiles', 'resentBytes', 'allowedBytes']) numeric(`kills.${i}.${key}`, at(kill, key));
  if (s.series.engine.length === 0) problems.push(`scenario ${s.id}: no throughput samples`);
  for (const [t, v] of [...s.series.engine, ...s.series.baseline]) (numeric('series time', t), numeric('series value', v));
  for (const host of Object.values(s.requests)) for (const value of Object.values(host)) numeric('requests', value);
  if (s.targets.length === 0) problems.push(`scenario ${s.id}: no targets checked`);
  return problems;
}

test('the quick benchmark runs every scenario and reports every measurement as a number', async () => {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'ferry-bench-quick-'));
  try {
    const { code, output } = await runBench(outDir);
    expect(code, output).toBe(0);
    const [stamp] = await readdir(outDir);
    const dir = path.join(outDir, stamp!);
    const results = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as BenchResults;
    expect(results.scenarios.map((s) => s.id)).toEqual([1, 2, 3, 4, 5]);
    expect(results.scenarios.find((s) => s.id === 5)?.kills).toHaveLength(1);
    expect(results.scenarios.flatMap(problemsOf)).toEqual([]);
    expect(existsSync(path.join(dir, 'throughput.svg'))).toBe(true);
    expect(await readFile(path.join(dir, 'throughput.svg'), 'utf8')).toMatch(/^<svg [^>]*>[\s\S]*<path d="M/);
    expect(output).toMatch(/\| 5 \|/);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
});
