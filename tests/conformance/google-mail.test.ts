/**
 * The Gmail adapter against the Google sandbox, started in this process, through the mail conformance suite.
 * The token carries exactly the scopes the descriptor asks for. The suite calls the adapter without the
 * engine's pacer, so Gmail's per-user quota is off here (tests/sandbox/google/mail.test.ts checks it).
 */
import { GoogleMailExporter } from '../../adapters/google/mail/export';
import { google } from '../../adapters/google/descriptor';
import type { DataTypeSupport, ProviderDescriptor } from '../../model/adapter';
import { GOOGLE_ACCOUNT } from '../sandbox/google/account';
import { createGoogleSandbox } from '../sandbox/google/index';
import { startSandbox } from '../sandbox/server';
import { runMailConformance } from './mail.suite';
import { sandboxContext } from './sandbox-target';

const PAGE_SIZE = 10;

const mail = google.dataTypes.mail as DataTypeSupport;
const provider: ProviderDescriptor = {
  ...google,
  dataTypes: { mail: { ...mail, export: { create: (ctx) => new GoogleMailExporter(ctx, PAGE_SIZE) } } },
};

runMailConformance({
  name: 'google',
  provider,
  pageSize: PAGE_SIZE,
  // Archived mail has no folder label at Gmail: its labels are all it has, or "Archive" when it has none.
  expectedFolders: (m) => {
    const all = [m.folder, ...m.labels];
    const labelled = all.filter((f) => f !== 'Archive');
    return labelled.length ? labelled : ['Archive'];
  },
  async open() {
    process.env.FERRY_SANDBOX_GMAIL_QUOTA = 'off';
    const sandbox = await startSandbox({ port: 0, providers: [(ctx) => createGoogleSandbox(ctx, { rateLimit: null })] });
    const { ctx, close } = sandboxContext(sandbox, 'google', google, mail, { tokenAccount: GOOGLE_ACCOUNT.email, contextAccount: GOOGLE_ACCOUNT.sub });
    const account = sandbox.providers.google;
    return {
      ctx,
      async seed(dir) {
        account.reset();
        await account.seed(dir);
      },
      reset: async () => account.reset(),
      async throttleNext(seconds) {
        sandbox.faults.add({ provider: 'google', kind: 'status', status: 429, retryAfter: { seconds }, pathPattern: '^/gmail\\.googleapis\\.com/' });
      },
      close,
    };
  },
});
