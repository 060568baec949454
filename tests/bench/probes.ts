/**
 * Memory probes over CDP while a scenario runs: the service worker's JS heap (Runtime.getHeapUsage on the
 * service_worker target, re-attached after every restart) and the browser's memory (resident set of every
 * Chromium process SystemInfo.getProcessInfo names, from /proc). Peaks are kept; growth is over the idle value.
 */
import { readFile } from 'node:fs/promises';
import type { BrowserContext, CDPSession } from '@playwright/test';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

export interface MemoryPeaks {
  idleWorkerHeapBytes: number;
  peakWorkerHeapBytes: number;
  idleBrowserRssBytes: number;
  peakBrowserRssBytes: number;
  samples: number;
}

export class MemoryProbe {
  private attached: { targetId: string; sessionId: string } | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (value: unknown) => void>();
  private timer: NodeJS.Timeout | undefined;
  private sampling: Promise<void> = Promise.resolve();
  peaks: MemoryPeaks = { idleWorkerHeapBytes: 0, peakWorkerHeapBytes: 0, idleBrowserRssBytes: 0, peakBrowserRssBytes: 0, samples: 0 };

  private constructor(
    private readonly cdp: CDPSession,
    private readonly extensionId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: unknown };
      if (message.id === undefined) return;
      this.pending.get(message.id)?.(message.error ? undefined : message.result);
      this.pending.delete(message.id);
    });
    cdp.on('Target.detachedFromTarget', (event: { sessionId: string }) => {
      if (this.attached?.sessionId === event.sessionId) this.attached = undefined;
    });
  }

  static async open(context: BrowserContext, extensionId: string): Promise<MemoryProbe> {
    const browser = context.browser();
    if (!browser) throw new Error('the benchmark needs the browser behind the context for its CDP session');
    return new MemoryProbe(await browser.newBrowserCDPSession(), extensionId);
  }

  /** The worker's used JS heap, or undefined while it is stopped. */
  async workerHeap(): Promise<number | undefined> {
    const { targetInfos } = (await this.cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${this.extensionId}/`));
    if (!worker) return undefined;
    if (this.attached?.targetId !== worker.targetId) {
      const { sessionId } = (await this.cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })) as { sessionId: string };
      this.attached = { targetId: worker.targetId, sessionId };
    }
    const id = this.nextId++;
    const answer = new Promise<unknown>((resolve) => {
      this.pending.set(id, resolve);
      setTimeout(() => resolve(undefined), 2_000);
    });
    await this.cdp.send('Target.sendMessageToTarget', { sessionId: this.attached.sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) });
    const usage = (await answer) as { usedSize?: number } | undefined;
    return usage?.usedSize;
  }

  /** Summed resident memory of Chromium's processes. */
  async browserRss(): Promise<number> {
    const { processInfo } = (await this.cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { id: number }[] };
    const sizes = await Promise.all(processInfo.map((p) => residentBytes(p.id)));
    return sizes.reduce((a, b) => a + b, 0);
  }

  async sample(): Promise<void> {
    const [heap, rss] = await Promise.all([this.workerHeap().catch(() => undefined), this.browserRss().catch(() => 0)]);
    this.peaks.samples += 1;
    if (heap !== undefined) this.peaks.peakWorkerHeapBytes = Math.max(this.peaks.peakWorkerHeapBytes, heap);
    this.peaks.peakBrowserRssBytes = Math.max(this.peaks.peakBrowserRssBytes, rss);
  }

  /** Takes the idle values and starts sampling every `everyMs`. */
  async start(everyMs = 500): Promise<void> {
    this.peaks.idleWorkerHeapBytes = (await this.workerHeap()) ?? 0;
    this.peaks.idleBrowserRssBytes = await this.browserRss();
    this.peaks.peakWorkerHeapBytes = this.peaks.idleWorkerHeapBytes;
    this.peaks.peakBrowserRssBytes = this.peaks.idleBrowserRssBytes;
    this.timer = setInterval(() => {
      this.sampling = this.sampling.then(() => this.sample());
    }, everyMs);
  }

  async stop(): Promise<MemoryPeaks> {
    clearInterval(this.timer);
    await this.sampling;
    return { ...this.peaks };
  }

  async close(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
  }
}

async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}
