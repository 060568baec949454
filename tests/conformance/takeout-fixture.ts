/** The sample Takeout the Takeout conformance tests share, written once per test file. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { writeSampleTakeout, type SampleTakeout } from '../sandbox/sample-data/takeout';

/** Sizes of the sample: the mail sample's options are these, so a test can write the same messages again. */
export const TAKEOUT_SAMPLE = { mail: 24, events: 30, contacts: 40, tasks: 30 };

export function useSampleTakeout(): { sample: () => SampleTakeout; dir: () => string } {
  let dir = '';
  let sample: SampleTakeout | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-takeout-'));
    sample = await writeSampleTakeout(dir, TAKEOUT_SAMPLE);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return { sample: () => sample!, dir: () => dir };
}
