/**
 * What the sandbox build exposes to the benchmark on the worker's global scope (`ferryBench`), called with
 * Playwright's worker.evaluate. Production builds never call this (see background/index.ts).
 */
import { rawCopyMedia, type RawCopyDeps, type RawCopyRequest, type RawCopyResult } from './raw-copy';

export interface BenchHooks {
  rawCopyMedia(request: RawCopyRequest): Promise<RawCopyResult>;
}

export function exposeBenchHooks(deps: RawCopyDeps): void {
  const hooks: BenchHooks = { rawCopyMedia: (request) => rawCopyMedia(deps, request) };
  (globalThis as { ferryBench?: BenchHooks }).ferryBench = hooks;
}
