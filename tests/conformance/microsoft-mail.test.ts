/**
 * The Outlook mail adapter against the Microsoft sandbox, started in this process, through the mail
 * conformance suite. Graph makes every imported message a draft and rebuilds messages over its 4 MB
 * request limit from their parts; both are declared here and reported per item by the importer.
 */
import { MicrosoftMailExporter } from '../../adapters/microsoft/mail/export';
import { MAX_MIME_BYTES } from '../../adapters/microsoft/mail/import';
import { microsoft } from '../../adapters/microsoft/descriptor';
import type { DataTypeSupport, ProviderDescriptor } from '../../model/adapter';
import { ALICE } from '../sandbox/microsoft/account';
import { createMicrosoftSandbox } from '../sandbox/microsoft/index';
import { startSandbox } from '../sandbox/server';
import { runMailConformance } from './mail.suite';
import { sandboxContext } from './sandbox-target';

const PAGE_SIZE = 10;

const mail = microsoft.dataTypes.mail as DataTypeSupport;
const provider: ProviderDescriptor = {
  ...microsoft,
  dataTypes: { mail: { ...mail, export: { create: (ctx) => new MicrosoftMailExporter(ctx, PAGE_SIZE) } } },
};

runMailConformance({
  name: 'microsoft',
  provider,
  pageSize: PAGE_SIZE,
  expectedFolders: (m) => [m.folder, ...m.labels],
  rebuildsAbove: MAX_MIME_BYTES,
  importsAsDrafts: true,
  keepsCopiesInOtherFolders: true,
  holdsOnlyMessages: true,
  async open() {
    const sandbox = await startSandbox({ port: 0, providers: [(ctx) => createMicrosoftSandbox(ctx, { serviceTimeMs: 0 })] });
    const { ctx, close } = sandboxContext(sandbox, 'microsoft', microsoft, mail, { tokenAccount: ALICE.id, contextAccount: ALICE.id });
    const account = sandbox.providers.microsoft;
    return {
      ctx,
      async seed(dir) {
        account.reset();
        await account.seed(dir);
      },
      reset: async () => account.reset(),
      async throttleNext(seconds) {
        sandbox.faults.add({ provider: 'microsoft', kind: 'status', status: 429, retryAfter: { seconds }, pathPattern: '^/graph\\.microsoft\\.com/' });
      },
      close,
    };
  },
});
