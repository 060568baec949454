/**
 * Imports contacts into Outlook contact folders through $batch (20 per call), then each photo with a PUT of
 * its bytes. Groups become categories, which a contact can have many of (a folder holds a contact once,
 * so categories keep more). Every contact carries its source key in an extended property; the contacts a
 * folder holds with such a key are listed once, so a second run or a retried batch makes nothing twice.
 * https://learn.microsoft.com/graph/api/user-post-contacts
 */
import { AdapterError, type AdapterContext, type Container, type ImportItem, type ImportResult, type Importer, type LostField } from '../../../model/adapter';
import type { Contact } from '../../../model/contact';
import { readBoundedContent } from '../../content-bytes';
import { graphBatch, graphNextPage, graphRequest, query } from '../client';
import type { GraphCollection, GraphContact } from './api-types';
import { EXPAND_SOURCE_KEY, SOURCE_KEY_PROPERTY, property, propertyValue } from './extended-properties';
import { DEFAULT_FOLDER, contactsPath, folderNamed } from './folders';
import { toGraphContact } from './map';
import { MAX_PHOTO_BYTES, putOutlookPhoto } from './photo';

/** One $batch call's worth (Graph takes 20 requests per batch). */
export const IMPORT_BATCH_SIZE = 20;
const INDEX_PAGE_SIZE = 1000;

export class MicrosoftContactsImporter implements Importer {
  readonly dataType = 'contacts' as const;
  private readonly folderNames = new Map<string, string>();
  private readonly indexes = new Map<string, Promise<Map<string, string>>>();

  constructor(private readonly ctx: AdapterContext) {}

  async ensureContainer(container: Container): Promise<string> {
    if (container.isDefault) return DEFAULT_FOLDER;
    const folder = await folderNamed(this.ctx, container.name);
    this.folderNames.set(folder.id, folder.displayName);
    return folder.id;
  }

  /** Source key → contact id of every contact in the folder that Ferry made. */
  private index(folderId: string): Promise<Map<string, string>> {
    let index = this.indexes.get(folderId);
    if (!index) {
      index = this.readIndex(folderId);
      index.catch(() => this.indexes.delete(folderId));
      this.indexes.set(folderId, index);
    }
    return index;
  }

  private async readIndex(folderId: string): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    let page = await graphRequest<GraphCollection<GraphContact>>(this.ctx, 'GET', `${contactsPath(folderId)}${query({ $select: 'id', $expand: EXPAND_SOURCE_KEY, $top: INDEX_PAGE_SIZE })}`);
    for (;;) {
      for (const contact of page.value ?? []) {
        const key = propertyValue(contact, SOURCE_KEY_PROPERTY);
        if (key) found.set(key, contact.id);
      }
      const next = page['@odata.nextLink'];
      if (!next) return found;
      page = await graphNextPage<GraphCollection<GraphContact>>(this.ctx, next);
    }
  }

  async importBatch(items: ImportItem[]): Promise<ImportResult[]> {
    const contacts = items as ImportItem<Contact>[];
    const ids = new Map<string, string>();
    for (const item of contacts) {
      const id = (await this.index(item.containerId)).get(item.key);
      if (id) ids.set(item.key, id);
    }
    const fresh = contacts.filter((item) => !ids.has(item.key));
    const planned = fresh.map((item) => ({ item, ...toGraphContact(item.data, this.categoriesOf(item)) }));
    for (const p of planned) p.body.singleValueExtendedProperties.push(property(SOURCE_KEY_PROPERTY, p.item.key));
    const answers = await this.sending(() => graphBatch(this.ctx, planned.map((p, i) => ({ id: String(i), method: 'POST', url: contactsPath(p.item.containerId), body: p.body }))));
    const results = new Map<string, ImportResult>();
    for (const [i, p] of planned.entries()) {
      const answer = answers[i]!;
      if (!answer.ok) {
        if (answer.error.errorClass !== 'skip') this.indexes.delete(p.item.containerId);
        results.set(p.item.key, { key: p.item.key, ok: false, error: answer.error });
        continue;
      }
      const id = (answer.body as GraphContact).id;
      ids.set(p.item.key, id);
      (await this.index(p.item.containerId)).set(p.item.key, id);
    }
    const lostOf = new Map(planned.map((p) => [p.item.key, p.lost]));
    for (const item of contacts) {
      if (results.has(item.key)) continue;
      results.set(item.key, await this.finish(item, ids.get(item.key)!, lostOf.get(item.key) ?? []));
    }
    return contacts.map((item) => results.get(item.key)!);
  }

  private async sending<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      // The answer may be lost while the contacts were made: list the folders again next time.
      this.indexes.clear();
      throw error;
    }
  }

  /** The contact's groups as categories, less the folder it goes into (already kept as the folder). */
  private categoriesOf(item: ImportItem<Contact>): string[] {
    const folderName = this.folderNames.get(item.containerId)?.toLowerCase();
    return item.data.groups.filter((g) => g.toLowerCase() !== folderName);
  }

  private async finish(item: ImportItem<Contact>, id: string, mapped: LostField[]): Promise<ImportResult> {
    const lost = [...mapped];
    if (item.data.photo) {
      try {
        const loss = await this.uploadPhoto(item, id);
        if (loss) lost.push(loss);
      } catch (error) {
        if (!(error instanceof AdapterError)) throw error;
        if (error.errorClass !== 'skip') return { key: item.key, ok: false, error };
        lost.push({ field: 'photo', reason: `Outlook refused the photo: ${error.details.providerMessage ?? error.message}` });
      }
    }
    return lost.length ? { key: item.key, ok: true, destinationId: id, lost } : { key: item.key, ok: true, destinationId: id };
  }

  /** Writing the photo again is harmless, so a contact found from an earlier run gets it (again) too. */
  private async uploadPhoto(item: ImportItem<Contact>, id: string): Promise<LostField | undefined> {
    if (!item.content) return { field: 'photo', reason: 'the source did not hand over the photo itself' };
    const content = await item.content();
    const bytes = await readBoundedContent(content, MAX_PHOTO_BYTES);
    if (!bytes) return { field: 'photo', reason: `the photo is larger than Outlook's ${MAX_PHOTO_BYTES / 1024 / 1024} MB` };
    await putOutlookPhoto(this.ctx, id, bytes, content.contentType ?? item.data.photo?.contentType ?? 'image/jpeg');
    return undefined;
  }

  async lookup(items: ImportItem[]): Promise<Map<string, string>> {
    this.indexes.clear();
    const found = new Map<string, string>();
    for (const item of items) {
      const id = (await this.index(item.containerId)).get(item.key);
      if (id) found.set(item.key, id);
    }
    return found;
  }
}
