import type { ProviderName } from '../sandbox/core/types';
import type { FerryApp } from './ferry-app';

export const PROVIDER_NAMES: Record<ProviderName, string> = { google: 'Google', microsoft: 'Microsoft' };

/** The whole "Move my data" click-through up to the start of the transfer. */
export async function startTransfer(
  app: FerryApp,
  opts: { from: ProviderName; to: ProviderName; types: string[] },
): Promise<void> {
  await app.choose(PROVIDER_NAMES[opts.from], PROVIDER_NAMES[opts.to]);
  await app.connect(PROVIDER_NAMES[opts.from]);
  await app.connect(PROVIDER_NAMES[opts.to]);
  await app.selectTypes(opts.types);
  await app.start();
}
