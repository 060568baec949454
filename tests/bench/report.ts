/** The benchmark's outputs: results.json, throughput.svg (a line per scenario, engine vs baseline) and a table. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchResults, ScenarioResult } from './results';

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];
const MB = 1_000_000;

export async function writeResults(dir: string, results: BenchResults): Promise<void> {
  await writeFile(path.join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(path.join(dir, 'throughput.svg'), throughputSvg(results));
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Throughput over time as a share of each scenario's limit, so every scenario fits one axis. */
export function throughputSvg(results: BenchResults): string {
  const [w, h, left, right, top, bottom] = [960, 520, 60, 300, 30, 50];
  const lines = results.scenarios.flatMap((s) => [s.series.engine, s.series.baseline]);
  const maxT = Math.max(10, ...lines.flat().map(([t]) => t));
  const maxY = Math.max(1.2, ...lines.flat().map(([, y]) => y));
  const x = (t: number) => left + ((w - left - right) * t) / maxT;
  const y = (v: number) => h - bottom - ((h - top - bottom) * v) / maxY;
  const path = (points: [number, number][]) => points.map(([t, v], i) => `${i ? 'L' : 'M'}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="12">`,
    `<rect width="${w}" height="${h}" fill="white"/>`,
    `<text x="${left}" y="18" font-size="14">Throughput over time as a share of the limit (${results.network.latencyMsEachWay} ms each way, ${results.network.mbitPerDirection} Mbit/s)</text>`,
    `<line x1="${left}" y1="${h - bottom}" x2="${w - right}" y2="${h - bottom}" stroke="black"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${h - bottom}" stroke="black"/>`,
    `<text x="${(w - right + left) / 2}" y="${h - 12}" text-anchor="middle">seconds since start</text>`,
  ];
  for (let v = 0; v <= maxY + 1e-9; v += 0.2) {
    parts.push(`<line x1="${left}" y1="${y(v)}" x2="${w - right}" y2="${y(v)}" stroke="#ddd"/>`, `<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${(v * 100).toFixed(0)}%</text>`);
  }
  const step = Math.max(1, Math.ceil(maxT / 10));
  for (let t = 0; t <= maxT; t += step) parts.push(`<text x="${x(t)}" y="${h - bottom + 16}" text-anchor="middle">${t}</text>`);
  results.scenarios.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    parts.push(`<path d="${path(s.series.engine)}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    if (s.series.baseline.length) parts.push(`<path d="${path(s.series.baseline)}" fill="none" stroke="${colour}" stroke-width="1.5" stroke-dasharray="6 4"/>`);
    const ly = top + 20 + i * 36;
    parts.push(
      `<line x1="${w - right + 15}" y1="${ly}" x2="${w - right + 45}" y2="${ly}" stroke="${colour}" stroke-width="2"/>`,
      `<text x="${w - right + 50}" y="${ly + 4}">${escape(`${s.id}. engine`)}</text>`,
    );
    if (s.series.baseline.length) {
      parts.push(
        `<line x1="${w - right + 15}" y1="${ly + 16}" x2="${w - right + 45}" y2="${ly + 16}" stroke="${colour}" stroke-dasharray="6 4"/>`,
        `<text x="${w - right + 50}" y="${ly + 20}">${escape(`${s.id}. raw-copy baseline`)}</text>`,
      );
    }
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

const rate = (s: ScenarioResult, perSecond: number) => (s.limit.unit === 'bytes/s' ? `${(perSecond / MB).toFixed(1)} MB/s` : `${perSecond.toFixed(1)} items/s`);
const ratio = (v: number | null) => (v === null ? 'n/a' : v.toFixed(2));
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)}`;

export function table(results: BenchResults): string {
  const head = ['#', 'engine', 'baseline', 'limit', '÷base', '÷limit', 'heap +MiB', 'RSS +MiB', 'IDB %', 're-sent/kill MiB', 'dup/miss', 'targets'];
  const rows = results.scenarios.map((s) => [
    String(s.id),
    rate(s, s.engine.perSecond),
    s.baseline ? rate(s, s.baseline.perSecond) : 'n/a',
    rate(s, s.limit.perSecond),
    ratio(s.ratios.vsBaseline),
    ratio(s.ratios.vsLimit),
    mib(s.memory.workerHeapGrowthBytes),
    mib(s.memory.browserRssGrowthBytes),
    s.indexedDb ? (s.indexedDb.share * 100).toFixed(1) : 'n/a',
    s.kills.length ? s.kills.map((k) => mib(k.resentBytes)).join(' ') : '—',
    `${s.arrival.duplicates}/${s.arrival.missing}`,
    s.targets.map((t) => (t.pass === null ? 'n/a' : t.pass ? 'pass' : 'MISS')).join(' '),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const out = [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line), ''];
  for (const s of results.scenarios) {
    out.push(`${s.id}. ${s.name}`);
    for (const t of s.targets) out.push(`   ${t.pass === null ? 'n/a ' : t.pass ? 'pass' : 'MISS'}  ${t.name}: ${t.value === null ? 'n/a' : Number(t.value.toFixed(3))} (target ${t.target})`);
  }
  return out.join('\n');
}
