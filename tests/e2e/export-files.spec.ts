/**
 * The exports people already hold, chosen on the page with the file picker as a person does: a Google Takeout split
 * over two zip files into Google Photos, and an Instagram "Download your information" export into OneDrive. Every
 * photo and video arrives once, with the capture time and the description its export's JSON gave it.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { providerById } from '../../adapters';
import type { JobView } from '../../entrypoints/background/messages';
import type { FerryApp } from '../harness/ferry-app';
import { test, expect } from '../harness/fixtures';
import { readPhotoFacts } from '../harness/photo-facts';
import { PROVIDER_NAMES } from '../harness/scenario';
import { reportedLoss } from '../harness/transfer-dumps';
import { writeSampleInstagram } from '../sandbox/sample-data/instagram';
import { writeSampleTakeout } from '../sandbox/sample-data/takeout';

interface Expected {
  fileName: string;
  captureTime: string;
  description?: string;
  mimeType: string;
}

async function moveFiles(app: FerryApp, source: string, files: readonly string[], destination: string): Promise<JobView> {
  await app.choose(source, destination);
  await app.chooseFiles(source, files);
  await app.connect(destination);
  await app.selectTypes(['Photos and videos']);
  await app.start();
  const job = await app.waitForJob(undefined, 300_000);
  expect(job.status, job.statusMessage).toBe('done');
  expect(job.failures).toEqual([]);
  return job;
}

function checkArrived(arrived: Awaited<ReturnType<typeof readPhotoFacts>>, expected: readonly Expected[], job: JobView, videoTimeFromFileOnly: boolean): void {
  expect(arrived.size, 'every photo and video once').toBe(expected.length);
  for (const want of expected) {
    const got = arrived.get(want.fileName);
    expect(got, want.fileName).toBeDefined();
    if (videoTimeFromFileOnly && want.mimeType.startsWith('video/')) {
      expect(reportedLoss(job, want.fileName, 'captureTime'), `${want.fileName}: a video's capture time, reported lost`).toBe(true);
    } else {
      expect(got!.captureTime, `${want.fileName}: capture time`).toBe(Date.parse(want.captureTime));
    }
    expect(got!.description, `${want.fileName}: description`).toBe(want.description);
  }
}

test('a Google Takeout in two zip files moves into Google Photos with capture times and descriptions', async ({ sandbox, app, scratch }) => {
  test.setTimeout(420_000);
  await mkdir(path.join(scratch, 'takeout'), { recursive: true });
  const sample = await writeSampleTakeout(path.join(scratch, 'takeout'));
  const job = await moveFiles(app, providerById('takeout').name, sample.parts, PROVIDER_NAMES.google);
  const dump = path.join(scratch, 'arrived');
  await sandbox.control.dump('google', dump);
  checkArrived(await readPhotoFacts(dump), sample.photos, job, true);
});

test('an Instagram export moves into OneDrive with capture times and captions', async ({ sandbox, app, scratch }) => {
  test.setTimeout(420_000);
  await mkdir(path.join(scratch, 'instagram'), { recursive: true });
  const sample = await writeSampleInstagram(path.join(scratch, 'instagram'));
  const job = await moveFiles(app, providerById('instagram').name, [sample.zip], PROVIDER_NAMES.microsoft);
  const dump = path.join(scratch, 'arrived');
  await sandbox.control.dump('microsoft', dump);
  checkArrived(await readPhotoFacts(dump), sample.expected, job, false);
});
