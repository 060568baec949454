/** The Google and Microsoft sandboxes as destinations of an archive source (Takeout, Instagram, Facebook). */
import { google } from '../../adapters/google/descriptor';
import { safeName } from '../../adapters/microsoft/photos/drive';
import { microsoft } from '../../adapters/microsoft/descriptor';
import type { AdapterContext, DataType, DataTypeSupport, ProviderDescriptor } from '../../model/adapter';
import { GOOGLE_ACCOUNT } from '../sandbox/google/account';
import { createGoogleSandbox } from '../sandbox/google/index';
import { ALICE } from '../sandbox/microsoft/account';
import { createMicrosoftSandbox } from '../sandbox/microsoft/index';
import { startSandbox } from '../sandbox/server';
import { sandboxContext } from './sandbox-target';

export interface OpenDestination {
  ctx: AdapterContext;
  support: DataTypeSupport;
  /** Writes the account in the archive layout under `dir`. */
  dump(dir: string): Promise<void>;
  close(): Promise<void>;
}

export async function openDestination(name: 'google' | 'microsoft', dataType: DataType): Promise<OpenDestination> {
  if (name === 'google') {
    // The engine's pacer is not in play here, so the sandbox's own per-user quotas are off, as in google-*.test.ts.
    process.env.FERRY_SANDBOX_GMAIL_QUOTA = 'off';
    process.env.FERRY_SANDBOX_GOOGLE_TASKS_RATE_LIMIT = 'off';
    const support = google.dataTypes[dataType] as DataTypeSupport;
    const sandbox = await startSandbox({ port: 0, providers: [(ctx) => createGoogleSandbox(ctx, { rateLimit: null })] });
    const { ctx, close } = sandboxContext(sandbox, 'google', google, support, { tokenAccount: GOOGLE_ACCOUNT.email, contextAccount: GOOGLE_ACCOUNT.sub });
    return { ctx, support, dump: (dir) => sandbox.providers.google.dump(dir), close };
  }
  const support = microsoft.dataTypes[dataType] as DataTypeSupport;
  const sandbox = await startSandbox({ port: 0, providers: [(ctx) => createMicrosoftSandbox(ctx, { serviceTimeMs: 0 })] });
  const { ctx, close } = sandboxContext(sandbox, 'microsoft', microsoft, support, { tokenAccount: ALICE.id, contextAccount: ALICE.id });
  return { ctx, support, dump: (dir) => sandbox.providers.microsoft.dump(dir), close };
}

export interface PhotoDestination {
  name: 'google' | 'microsoft';
  provider: ProviderDescriptor;
  /** The folder below `photos/` of a dump where an album's files arrive. */
  importedAlbum(album: string): string;
  /** Whether the destination takes capture times only from a file's own EXIF (and reports others lost). */
  captureTimeFromFileOnly: boolean;
}

export const PHOTO_DESTINATIONS: PhotoDestination[] = [
  { name: 'google', provider: google, importedAlbum: (album) => album, captureTimeFromFileOnly: true },
  { name: 'microsoft', provider: microsoft, importedAlbum: (album) => `Ferry/${album.split('/').map(safeName).join('/')}`, captureTimeFromFileOnly: false },
];
