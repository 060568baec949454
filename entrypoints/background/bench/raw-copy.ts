/**
 * The benchmark's raw-copy baseline (tests/bench): the same files from the same source to the same destination
 * protocol (OneDrive upload sessions), with the same concurrency and fragment size as the photos adapters, but
 * as a plain download → upload loop: no IndexedDB, no pacing, no retries, no lookups. What the engine reaches
 * against it is the price of its bookkeeping. Listing goes through the source's own exporter, untimed apart.
 * The one courtesy it keeps is OneDrive's: a 429 is sent again after its Retry-After, as any client must.
 */
import type { AdapterContext, ExportedItem, FetchLike, ProviderDescriptor, ProviderId } from '../../../model/adapter';
import { ChunkReader, iterateStream, piecesAhead } from '../../../model/byte-stream';
import { isVideo, type MediaItem } from '../../../model/media';
import { FRAGMENT_BYTES } from '../../../adapters/microsoft/photos/upload';
import { parseRetryAfter } from '../../../adapters/http';

export interface RawCopyDeps {
  provider(id: ProviderId): ProviderDescriptor;
  authorizedFetch(provider: ProviderId): FetchLike;
  account(provider: ProviderId): Promise<string>;
  url(realUrl: string): string;
  openPage(url: string): Promise<void>;
}

export interface RawCopyRequest {
  source: ProviderId;
  destination: ProviderId;
  /** The OneDrive folder (below the drive's root) the copies go to; made anew, so nothing collides. */
  folderName: string;
}

export interface RawCopyResult {
  files: number;
  bytes: number;
  concurrency: number;
  chunkBytes: number;
  startedAt: number;
  listedAt: number;
  finishedAt: number;
}

const GRAPH_DRIVE = 'https://graph.microsoft.com/v1.0/me/drive';

export async function rawCopyMedia(deps: RawCopyDeps, request: RawCopyRequest): Promise<RawCopyResult> {
  const startedAt = Date.now();
  const destination = deps.provider(request.destination);
  const concurrency = destination.dataTypes.photos?.limits?.maxConcurrency ?? destination.limits?.maxConcurrency ?? 1;
  const items = await listMedia(deps, request.source);
  const listedAt = Date.now();
  const source = deps.authorizedFetch(request.source);
  const graph = deps.authorizedFetch(request.destination);
  const folderId = await makeFolder(deps, graph, request.folderName);
  const queue = [...items];
  let bytes = 0;
  const copyNext = async (): Promise<void> => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const size = await copyOne(deps, source, graph, folderId, item);
      bytes += size;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, copyNext));
  return { files: items.length, bytes, concurrency, chunkBytes: FRAGMENT_BYTES, startedAt, listedAt, finishedAt: Date.now() };
}

async function listMedia(deps: RawCopyDeps, source: ProviderId): Promise<MediaItem[]> {
  const exportSupport = deps.provider(source).dataTypes.photos?.export;
  if (!exportSupport) throw new Error(`${source} cannot export photos`);
  const ctx: AdapterContext = {
    fetch: deps.authorizedFetch(source),
    anonymousFetch: (url, init) => fetch(url, init),
    url: deps.url,
    account: await deps.account(source),
    openPage: deps.openPage,
  };
  const exporter = exportSupport.create(ctx);
  const items: MediaItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await exporter.exportPage(cursor);
    items.push(...page.items.map((i: ExportedItem) => i.data as MediaItem));
    cursor = page.next;
  } while (cursor !== undefined);
  return items;
}

/** A OneDrive request, sent again as long as OneDrive answers 429, each time after the Retry-After it names. */
async function obeyingRetryAfter(send: () => Promise<Response>): Promise<Response> {
  for (let response = await send(); ; response = await send()) {
    if (response.status !== 429) return response;
    await response.body?.cancel();
    const waitMs = parseRetryAfter(response.headers.get('retry-after'), Date.now()) ?? 1000;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

async function expectOk(response: Response, what: string): Promise<Response> {
  if (!response.ok) throw new Error(`raw copy: ${what} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  return response;
}

async function makeFolder(deps: RawCopyDeps, graph: FetchLike, name: string): Promise<string> {
  const response = await graph(deps.url(`${GRAPH_DRIVE}/root/children`), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, folder: {}, '@microsoft.graph.conflictBehavior': 'rename' }),
  });
  return ((await (await expectOk(response, 'creating the folder')).json()) as { id: string }).id;
}

/** One file: download streamed, uploaded fragment by fragment as it arrives (the next read during each PUT, as the adapter does); returns its size. */
async function copyOne(deps: RawCopyDeps, source: FetchLike, graph: FetchLike, folderId: string, item: MediaItem): Promise<number> {
  const url = `${item.downloadSource}=${isVideo(item) ? 'dv' : 'd'}`;
  const download = await expectOk(await source(url, {}), `downloading ${item.fileName}`);
  if (!download.body) throw new Error(`raw copy: ${item.fileName} came without a body`);
  const size = Number(download.headers.get('content-length') ?? item.sizeBytes);
  const sessionUrl = deps.url(`${GRAPH_DRIVE}/items/${encodeURIComponent(folderId)}:/${encodeURIComponent(item.fileName)}:/createUploadSession`);
  const session = await expectOk(
    await obeyingRetryAfter(() =>
      graph(sessionUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ item: { '@microsoft.graph.conflictBehavior': 'rename' } }),
      }),
    ),
    `starting the upload of ${item.fileName}`,
  );
  const { uploadUrl } = (await session.json()) as { uploadUrl: string };
  const reader = new ChunkReader(iterateStream(download.body));
  try {
    for await (const { offset, bytes: fragment } of piecesAhead(reader, 0, size, FRAGMENT_BYTES)) {
      const range = `bytes ${offset}-${offset + fragment.length - 1}/${size}`;
      const put = await obeyingRetryAfter(() =>
        fetch(uploadUrl, { method: 'PUT', headers: { 'content-range': range, 'content-type': 'application/octet-stream' }, body: fragment }),
      );
      await expectOk(put, `uploading ${item.fileName}`);
      await put.body?.cancel();
    }
  } finally {
    await reader.close();
  }
  return size;
}
