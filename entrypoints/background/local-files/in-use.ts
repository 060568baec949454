/** Which chosen files and job folders something still refers to: a job (even a finished one, until forgotten) or a connection. */
import type { ProviderDescriptor, ProviderId } from '../../../model/adapter';
import type { ConnectionView, JobView } from '../messages';

export function localFilesInUse(
  provider: (id: ProviderId) => ProviderDescriptor,
  jobs: readonly JobView[],
  connections: readonly ConnectionView[],
): { tokens: Set<string>; jobIds: Set<string> } {
  const local = (id: ProviderId) => provider(id).auth.kind === 'local-files';
  const tokens = new Set<string>();
  for (const job of jobs) if (local(job.source.provider)) tokens.add(job.source.account);
  for (const connection of connections) if (local(connection.provider)) tokens.add(connection.account.id);
  return { tokens, jobIds: new Set(jobs.map((job) => job.id)) };
}
