/**
 * The worker's composition root: it builds auth and (lazily, once per worker lifetime) the engine, and registers
 * listeners. Nothing else happens here; main() stays synchronous as WXT and MV3 require.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { providerById, providers } from '../../adapters';
import { createAuth } from './auth';
import { exposeBenchHooks } from './bench';
import { providerUrl, sandboxOrigin } from './build-config';
import { Engine } from './engine';
import { openFerryDb } from './engine/store';
import { broadcastJobChanged } from './lifecycle/broadcast';
import { coalescePerKey } from './lifecycle/coalesce';
import { createKeepAlive } from './lifecycle/keep-alive';
import { createResumer, RESUME_ALARM, syncResumeAlarm } from './lifecycle/resume';
import { releaseUnusedProviders } from './lifecycle/token-release';
import { chosenFiles, sweepLocalFiles } from './local-files/chosen-files';
import { localFilesInUse } from './local-files/in-use';
import { opfsScratch } from './local-files/opfs-scratch';
import { createMessageHandler, isFinished, POLL_VIEW_AGE_MS } from './messaging';

/** Pages hear of a job's change at most this often (they also poll). */
const CHANGE_GAP_MS = 250;

export default defineBackground(() => {
  const auth = createAuth(providerById);
  let engine: Engine | undefined;
  let engineReady: Promise<Engine> | undefined;
  const keepAlive = createKeepAlive(() => engine?.isBusy() ?? false);

  const afterJobChange = coalescePerKey(async (jobId) => {
    await broadcastJobChanged(jobId);
    const ready = await getEngine();
    await syncResumeAlarm(ready.isBusy());
    // A forgotten job reports its last change after its records are gone.
    const job = await ready.view(jobId, POLL_VIEW_AGE_MS).catch(() => undefined);
    if (job && isFinished(job)) await releaseUnusedProviders(job, await ready.list(), auth);
  }, CHANGE_GAP_MS);

  function getEngine(): Promise<Engine> {
    engineReady ??= (async () => {
      engine = new Engine({
        db: await openFerryDb(),
        provider: providerById,
        authorizedFetch: (provider) => auth.authorizedFetch(provider),
        serverUrl: async (provider) => (await auth.connection(provider))?.serverUrl,
        url: providerUrl,
        openPage: async (url) => {
          await browser.tabs.create({ url });
        },
        localFiles: async ({ id, side, account }) =>
          side === 'source' ? { sources: await chosenFiles(account) } : { scratch: opfsScratch(id) },
        onChange: (jobId) => {
          keepAlive.ensure();
          afterJobChange(jobId);
        },
      });
      return engine;
    })();
    return engineReady;
  }

  const resume = createResumer(getEngine, () => keepAlive.ensure());
  const resumeInBackground = () => {
    resume().catch((error: unknown) => console.error('Ferry could not resume its transfers:', error));
  };

  const handleMessage = createMessageHandler({
    providers,
    auth,
    engine: getEngine,
    hasHostPermission: (origins) => browser.permissions.contains({ origins }),
    jobForgotten: async (job) => releaseUnusedProviders(job, await (await getEngine()).list(), auth, Date.now()),
    localFilesChanged: async () => sweepLocalFiles(await localFilesInUse(providerById, await (await getEngine()).list(), await auth.connections())),
  });

  // The benchmark's raw-copy baseline exists in the sandbox build only.
  if (sandboxOrigin) {
    exposeBenchHooks({
      provider: providerById,
      authorizedFetch: (provider) => auth.authorizedFetch(provider),
      account: async (provider) => {
        const connection = await auth.connection(provider);
        if (!connection) throw new Error(`raw copy: ${provider} is not connected`);
        return connection.account.id;
      },
      url: providerUrl,
      openPage: async (url) => {
        await browser.tabs.create({ url });
      },
    });
  }

  browser.runtime.onMessage.addListener((message, sender) => handleMessage(message, sender));
  browser.runtime.onStartup.addListener(resumeInBackground);
  browser.runtime.onInstalled.addListener(resumeInBackground);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RESUME_ALARM) resumeInBackground();
  });
  resumeInBackground();
});
