/**
 * Imports a batch one item at a time: an item that fails on its own (skip, retry) is reported failed and the
 * batch goes on; a fatal error, or one that is not an adapter's, stops the batch.
 */
import { AdapterError, type ImportItem, type ImportResult, type LostField } from '../model/adapter';

export async function importEach<T extends ImportItem>(items: T[], importOne: (item: T) => Promise<ImportResult>): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const item of items) {
    try {
      results.push(await importOne(item));
    } catch (error) {
      if (!(error instanceof AdapterError) || error.errorClass === 'fatal') throw error;
      results.push({ key: item.key, ok: false, error });
    }
  }
  return results;
}

/** An item imported as `destinationId`, with what it lost when it lost anything. */
export function imported(key: string, destinationId: string, lost: LostField[]): ImportResult {
  return lost.length ? { key, ok: true, destinationId, lost } : { key, ok: true, destinationId };
}
