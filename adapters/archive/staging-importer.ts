/**
 * What every archive importer does: stage each item in the job's scratch folder (scratch-layout.ts), idempotent by
 * source key, its bytes streamed to disk, never held. The data-type importers say only which items carry bytes and
 * what an item loses on the way.
 */
import {
  AdapterError,
  type AdapterContext,
  type Container,
  type DataType,
  type ImportItem,
  type ImportResult,
  type Importer,
  type ItemData,
  type LostField,
  type ScratchFiles,
} from '../../model/adapter';
import {
  STAGED_ROOT,
  containerFile,
  contentFile,
  itemFile,
  itemFolder,
  keyHash,
  readJson,
  stagedContainerOf,
  type StagedContainer,
  type StagedItem,
} from './scratch-layout';

export interface StagingRules<T extends ItemData> {
  /** Whether the item's bytes belong in the archive (a message, a photo, a file, a contact's photo). */
  wantsContent(data: T): boolean;
  /** Whether an item whose bytes the source cannot give is staged without them (a contact's photo) rather than skipped. */
  contentOptional?: boolean;
  /** The data as staged (a contact whose photo could not be read is staged without it) and what it lost. */
  prepare?(item: ImportItem<T>, contentRead: boolean): { data: T; lost: LostField[] };
}

export function scratchOf(ctx: AdapterContext): ScratchFiles {
  const scratch = ctx.localFiles?.scratch;
  if (!scratch) throw new AdapterError('The Ferry archive was given no folder to write into; start the transfer again from the Ferry page.', 'fatal');
  return scratch;
}

/**
 * A full disk (QuotaExceededError in the browser, ENOSPC in Node) while staging an item or writing the zip: it stops
 * the job until the person frees space. Undefined for any other failure.
 */
export function diskFullError(error: unknown, what: string): AdapterError | undefined {
  // The zip writer wraps what the stream under it threw (`cause`), naming the entry it was adding.
  let cause: unknown = error;
  while (cause && !isDiskFull(cause)) cause = (cause as { cause?: unknown }).cause;
  if (!cause) return undefined;
  return new AdapterError(`The disk is full: ${what} could not be written into the archive. Free some space and resume the transfer.`, 'fatal', { fatalReason: 'storage-full' });
}

const isDiskFull = (error: unknown): boolean => (error as { name?: string }).name === 'QuotaExceededError' || (error as { code?: string }).code === 'ENOSPC';

/** A full disk stops the job; anything else may pass on a retry. */
function writeFailure(error: unknown, what: string): AdapterError {
  if (error instanceof AdapterError) return error;
  return diskFullError(error, what) ?? new AdapterError(`${what} could not be written into the archive: ${(error as Error).message ?? String(error)}`, 'retry');
}

export class StagingImporter<T extends ItemData> implements Importer {
  private nextItem: number | undefined;
  private nextContainer: number | undefined;

  constructor(
    private readonly ctx: AdapterContext,
    readonly dataType: DataType,
    private readonly rules: StagingRules<T>,
  ) {}

  private get scratch(): ScratchFiles {
    return scratchOf(this.ctx);
  }

  /**
   * The next sequence number, counted on from what is staged already: a killed worker's new importer goes on where
   * the last one stopped, so export order survives a restart.
   */
  private async sequence(kind: 'items' | 'containers'): Promise<number> {
    const current = kind === 'items' ? this.nextItem : this.nextContainer;
    let next = current;
    if (next === undefined) {
      const paths = await this.scratch.list(`${STAGED_ROOT}/${this.dataType}/${kind}/`);
      next = kind === 'items' ? paths.filter((p) => p.endsWith('/item.json')).length : paths.length;
    }
    if (kind === 'items') this.nextItem = next + 1;
    else this.nextContainer = next + 1;
    return next;
  }

  async ensureContainer(container: Container): Promise<string> {
    const id = keyHash(container.key);
    const path = containerFile(this.dataType, id);
    try {
      const known = await readJson<StagedContainer>(this.scratch, path);
      const staged = stagedContainerOf(container, id, known?.sequence ?? (await this.sequence('containers')));
      await this.scratch.write(path, JSON.stringify(staged));
    } catch (error) {
      throw writeFailure(error, `The ${this.dataType} container "${container.name}"`);
    }
    return id;
  }

  async importBatch(items: ImportItem[]): Promise<ImportResult[]> {
    const results: ImportResult[] = [];
    for (const item of items as ImportItem<T>[]) {
      try {
        results.push(await this.stage(item));
      } catch (error) {
        const failure = writeFailure(error, `"${item.title}"`);
        if (failure.errorClass === 'fatal') throw failure;
        results.push({ key: item.key, ok: false, error: failure });
      }
    }
    return results;
  }

  private async stage(item: ImportItem<T>): Promise<ImportResult> {
    const folder = itemFolder(this.dataType, item.key);
    if (await this.scratch.read(itemFile(folder))) return { key: item.key, ok: true, destinationId: folder };
    let contentRead = false;
    if (this.rules.wantsContent(item.data)) {
      if (!item.content && !this.rules.contentOptional) {
        throw new AdapterError(`The source gives no way to read the content of "${item.title}", so it cannot be copied.`, 'skip');
      }
      if (item.content) {
        const content = await item.content();
        await this.scratch.write(contentFile(folder), content.body);
        contentRead = true;
      }
    }
    const { data, lost }: { data: T; lost: LostField[] } = this.rules.prepare?.(item, contentRead) ?? { data: item.data, lost: [] };
    const staged: StagedItem<T> = {
      key: item.key,
      title: item.title,
      containerId: item.containerId,
      ...(item.parentId !== undefined && { parentId: item.parentId }),
      sequence: await this.sequence('items'),
      hasContent: contentRead,
      data,
    };
    await this.scratch.write(itemFile(folder), JSON.stringify(staged));
    await item.upload?.clear();
    return lost.length ? { key: item.key, ok: true, destinationId: folder, lost } : { key: item.key, ok: true, destinationId: folder };
  }

  async lookup(items: ImportItem[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const item of items) {
      const folder = itemFolder(this.dataType, item.key);
      if (await this.scratch.read(itemFile(folder))) found.set(item.key, folder);
    }
    return found;
  }
}
