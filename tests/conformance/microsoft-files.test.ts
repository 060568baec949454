/** The OneDrive files adapter against the Microsoft sandbox through the files conformance suite. */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { microsoft } from '../../adapters/microsoft/descriptor';
import { MicrosoftFilesExporter } from '../../adapters/microsoft/files/export';
import type { DataTypeSupport, ProviderDescriptor } from '../../model/adapter';
import { ALICE } from '../sandbox/microsoft/account';
import { createMicrosoftSandbox } from '../sandbox/microsoft/index';
import { startSandbox } from '../sandbox/server';
import { runFilesConformance } from './files.suite';
import { sandboxContext } from './sandbox-target';

/** Small pages, so a folder of a few entries takes several (the adapter asks for 200). */
const PAGE_SIZE = 3;

const files = microsoft.dataTypes.files as DataTypeSupport;
const provider: ProviderDescriptor = {
  ...microsoft,
  dataTypes: { files: { ...files, export: { create: (ctx) => new MicrosoftFilesExporter(ctx, PAGE_SIZE) } } },
};

runFilesConformance({
  name: 'microsoft (OneDrive sandbox)',
  provider,
  standingFolders: ['Pictures'],
  reportedHashes: ['quickXorHash', 'sha1'],
  keepsModified: true,
  async open() {
    const sandbox = await startSandbox({ port: 0, providers: [(ctx) => createMicrosoftSandbox(ctx, { serviceTimeMs: 0 })] });
    const { ctx, close } = sandboxContext(sandbox, 'microsoft', microsoft, files, { tokenAccount: ALICE.id, contextAccount: ALICE.id });
    const account = sandbox.providers.microsoft;
    const scratch = await mkdtemp(join(tmpdir(), 'ferry-onedrive-files-'));
    return {
      ctx,
      seed: async (dir) => {
        await cp(dir, join(scratch, 'seed', 'files'), { recursive: true, preserveTimestamps: true });
        account.reset();
        await account.seed(join(scratch, 'seed'));
      },
      importedTree: async (name) => {
        await rm(join(scratch, 'dump'), { recursive: true, force: true });
        await account.dump(join(scratch, 'dump'));
        return join(scratch, 'dump', 'files', name);
      },
      close: async () => {
        account.reset();
        await close();
        await rm(scratch, { recursive: true, force: true });
      },
    };
  },
});
