/**
 * "Tokens revoked when a transfer is finished or forgotten": once no unfinished transfer uses a provider,
 * Ferry withdraws its access there and forgets the tokens; the page then shows it as not connected.
 */
import type { ProviderId } from '../../../model/adapter';
import type { Auth } from '../auth';
import type { JobView } from '../messages';
import { isFinished, usesProvider } from '../messaging';

export async function releaseUnusedProviders(
  job: JobView,
  otherJobs: readonly JobView[],
  auth: Pick<Auth, 'release'>,
  endedAt = job.finishedAt ?? Date.now(),
): Promise<void> {
  const providers = [...new Set<ProviderId>([job.source.provider, job.destination.provider])];
  for (const provider of providers) {
    const stillNeeded = otherJobs.some((other) => other.id !== job.id && !isFinished(other) && usesProvider(other, provider));
    if (stillNeeded) continue;
    await auth.release(provider, endedAt).catch((error: unknown) => {
      console.warn(`Ferry: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}
