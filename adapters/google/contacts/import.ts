/**
 * Imports contacts into Google Contacts: up to 200 per people:batchCreateContacts, then each photo with
 * people.updateContactPhoto, every mutation after the one before (the People API asks for mutations of one
 * user in sequence). A contact carries its source key in clientData; the importer finds the contacts it made
 * before by that key, so a second run or a retried batch makes nothing twice.
 * https://developers.google.com/people/api/rest/v1/people/batchCreateContacts
 */
import { AdapterError, type AdapterContext, type Container, type ImportItem, type ImportResult, type Importer, type LostField } from '../../../model/adapter';
import type { Contact } from '../../../model/contact';
import { base64Of, readBoundedContent } from '../../content-bytes';
import type { BatchCreateContactsResponse, Person, PersonResponse } from './api-types';
import { ADDRESS_BOOK_ID } from './export';
import { ensureGroups } from './groups';
import { toPerson } from './map';
import { PEOPLE_API, peopleRequest } from './people';
import { MAX_PHOTO_BYTES } from './photo';
import { SourceKeyIndex, type IndexedContact } from './source-index';

/** batchCreateContacts takes at most 200 contacts (BatchCreateContactsRequest.contacts). */
export const MAX_CREATE_BATCH = 200;

interface Created {
  item: ImportItem<Contact>;
  resourceName: string;
  lost: LostField[];
  needsPhoto: boolean;
}

type Outcome = Created | { item: ImportItem<Contact>; error: AdapterError };

export class GoogleContactsImporter implements Importer {
  readonly dataType = 'contacts' as const;
  private readonly index: SourceKeyIndex;
  private readonly groups = new Map<string, string>();

  constructor(private readonly ctx: AdapterContext) {
    this.index = new SourceKeyIndex(ctx);
  }

  /** Google has one address book: every container lands there, its name kept as each contact's group. */
  async ensureContainer(container: Container): Promise<string> {
    void container;
    return ADDRESS_BOOK_ID;
  }

  async importBatch(items: ImportItem[]): Promise<ImportResult[]> {
    const contacts = items as ImportItem<Contact>[];
    const known = await this.index.get();
    const fresh = contacts.filter((item) => !known.has(item.key));
    await this.mutating(() => ensureGroups(this.ctx, fresh.flatMap((i) => i.data.groups), this.groups));
    const outcomes = new Map<string, Outcome>();
    for (const item of contacts) {
      const existing = known.get(item.key);
      if (existing) outcomes.set(item.key, { item, resourceName: existing.resourceName, lost: [], needsPhoto: Boolean(item.data.photo) && !existing.hasPhoto });
    }
    for (const outcome of await this.create(fresh, known)) outcomes.set(outcome.item.key, outcome);
    const results: ImportResult[] = [];
    for (const item of contacts) results.push(await this.finish(outcomes.get(item.key)!));
    return results;
  }

  /** A mutation whose answer may be lost: afterwards the index may miss contacts that exist. */
  private async mutating<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      this.index.invalidate();
      throw error;
    }
  }

  private async create(items: ImportItem<Contact>[], known: Map<string, IndexedContact>): Promise<Outcome[]> {
    if (items.length === 0) return [];
    const planned = items.map((item) => ({ item, ...toPerson(item.data, item.key, this.groups) }));
    const body = { contacts: planned.map((p) => ({ contactPerson: p.person })), readMask: 'clientData' };
    try {
      const answer = await this.mutating(() => peopleRequest<BatchCreateContactsResponse>(this.ctx, 'POST', `${PEOPLE_API}/people:batchCreateContacts`, body));
      return planned.map((p, i) => outcomeOf(p.item, p.lost, answer.createdPeople?.[i], known));
    } catch (error) {
      // Google refuses the whole batch for one invalid contact; one at a time, each gets its own answer.
      if (!(error instanceof AdapterError) || error.errorClass !== 'skip' || items.length === 1) throw error;
      const outcomes: Outcome[] = [];
      for (const p of planned) outcomes.push(await this.createOne(p.item, p.person, p.lost, known));
      return outcomes;
    }
  }

  private async createOne(item: ImportItem<Contact>, person: Person, lost: LostField[], known: Map<string, IndexedContact>): Promise<Outcome> {
    try {
      const made = await this.mutating(() => peopleRequest<Person>(this.ctx, 'POST', `${PEOPLE_API}/people:createContact?personFields=clientData`, person));
      return outcomeOf(item, lost, { httpStatusCode: 200, person: made }, known);
    } catch (error) {
      if (error instanceof AdapterError && error.errorClass === 'skip') return { item, error: refusal(item, error) };
      throw error;
    }
  }

  private async finish(outcome: Outcome): Promise<ImportResult> {
    const key = outcome.item.key;
    if ('error' in outcome) return { key, ok: false, error: outcome.error };
    const lost = [...outcome.lost];
    if (outcome.needsPhoto) {
      try {
        const photoLoss = await this.uploadPhoto(outcome);
        if (photoLoss) lost.push(photoLoss);
      } catch (error) {
        if (!(error instanceof AdapterError)) throw error;
        if (error.errorClass !== 'skip') return { key, ok: false, error };
        lost.push({ field: 'photo', reason: `Google refused the photo: ${error.details.providerMessage ?? error.message}` });
      }
    }
    return lost.length ? { key, ok: true, destinationId: outcome.resourceName, lost } : { key, ok: true, destinationId: outcome.resourceName };
  }

  private async uploadPhoto({ item, resourceName }: Created): Promise<LostField | undefined> {
    if (!item.content) return { field: 'photo', reason: 'the source did not hand over the photo itself' };
    const bytes = await readBoundedContent(await item.content(), MAX_PHOTO_BYTES);
    if (!bytes) return { field: 'photo', reason: `the photo is larger than ${MAX_PHOTO_BYTES / 1024 / 1024} MB` };
    const url = `${PEOPLE_API}/${resourceName}:updateContactPhoto`;
    await this.mutating(() => peopleRequest(this.ctx, 'PATCH', url, { photoBytes: base64Of(bytes), personFields: 'photos' }));
    (await this.index.get()).set(item.key, { resourceName, hasPhoto: true });
    return undefined;
  }

  async lookup(items: ImportItem[]): Promise<Map<string, string>> {
    this.index.invalidate();
    const known = await this.index.get();
    const found = new Map<string, string>();
    for (const item of items) {
      const entry = known.get(item.key);
      if (entry) found.set(item.key, entry.resourceName);
    }
    return found;
  }
}

function refusal(item: ImportItem<Contact>, error: AdapterError): AdapterError {
  return new AdapterError(`Google refused the contact "${item.title}": ${error.details.providerMessage ?? error.message}`, 'skip', error.details);
}

function outcomeOf(item: ImportItem<Contact>, lost: LostField[], response: PersonResponse | undefined, known: Map<string, IndexedContact>): Outcome {
  const resourceName = response?.person?.resourceName;
  if (!resourceName || (response.httpStatusCode ?? 200) >= 300) {
    const said = response?.status?.message ?? 'no answer for this contact';
    return { item, error: new AdapterError(`Google did not create this contact (${said}); Ferry will try again.`, 'retry', { status: response?.httpStatusCode }) };
  }
  known.set(item.key, { resourceName, hasPhoto: false });
  return { item, resourceName, lost, needsPhoto: Boolean(item.data.photo) };
}
