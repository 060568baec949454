/** The OneDrive photos adapter against the Microsoft sandbox through the photos conformance suite. */
import { MicrosoftPhotosExporter } from '../../adapters/microsoft/photos/export';
import { safeName } from '../../adapters/microsoft/photos/drive';
import { microsoft } from '../../adapters/microsoft/descriptor';
import type { DataTypeSupport, ProviderDescriptor } from '../../model/adapter';
import { ALICE } from '../sandbox/microsoft/account';
import { createMicrosoftSandbox } from '../sandbox/microsoft/index';
import { startSandbox } from '../sandbox/server';
import { runPhotosConformance } from './photos.suite';
import { sandboxContext } from './sandbox-target';

/** Small pages, so an album of a dozen files takes several (the adapter asks for 200). */
const PAGE_SIZE = 7;

const photos = microsoft.dataTypes.photos as DataTypeSupport;
const provider: ProviderDescriptor = {
  ...microsoft,
  dataTypes: { photos: { ...photos, export: { create: (ctx) => new MicrosoftPhotosExporter(ctx, PAGE_SIZE) } } },
};

runPhotosConformance({
  name: 'microsoft',
  provider,
  pageSize: PAGE_SIZE,
  exportLosses: {},
  importLosses: { albumOrder: 'a OneDrive folder has no order of its own' },
  importedAlbum: (album) => `Ferry/${album.split('/').map(safeName).join('/')}`,
  isUploadChunk: (e) => e.host === 'contoso-my.sharepoint.com' && e.method === 'PUT',
  throttlePath: '^/graph\\.microsoft\\.com/v1\\.0/me/drive/special/photos$',
  async open() {
    const sandbox = await startSandbox({ port: 0, providers: [(ctx) => createMicrosoftSandbox(ctx, { serviceTimeMs: 0 })] });
    const { ctx, close } = sandboxContext(sandbox, 'microsoft', microsoft, photos, { tokenAccount: ALICE.id, contextAccount: ALICE.id });
    const account = sandbox.providers.microsoft;
    return {
      ctx,
      seed: async (dir) => {
        account.reset();
        await account.seed(dir);
      },
      reset: async () => {
        account.reset();
        sandbox.log.clear();
        sandbox.faults.clear();
      },
      dump: (dir) => account.dump(dir),
      log: () => sandbox.log.list('microsoft'),
      fault: (spec) => void sandbox.faults.add({ provider: 'microsoft', ...spec }),
      close,
    };
  },
});
