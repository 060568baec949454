/**
 * The contacts conformance suite: every adapter that declares contacts support runs it against its sandbox.
 * Export all (keys, containers, every field, paging), import all (field by field, photos included),
 * idempotent re-import, lookup, and a throttled request classified as retry with the server's Retry-After.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportAll as exportAllPages } from './export-all';
import { AdapterError, type AdapterContext, type ContentStream, type ImportItem, type ProviderDescriptor } from '../../model/adapter';
import { CONTACT_FIELDS, type Contact } from '../../model/contact';
import type { VCardEntry } from '../../model/contact-vcard';
import { CANONICAL_CONTACTS, pagingContacts } from './contacts-fixtures';

export { CANONICAL_CONTACTS, pagingContacts } from './contacts-fixtures';

export interface ContactsConformanceAccount {
  ctx: AdapterContext;
  /** Replaces the account's contacts with these (through the archive layout). */
  seed(entries: readonly VCardEntry[]): Promise<void>;
  reset(): Promise<void>;
  /** Makes the provider refuse the next API request with 429 and `Retry-After: <seconds>`. */
  throttleNext(seconds: number): Promise<void>;
  close(): Promise<void>;
}

export interface ContactsConformanceTarget {
  name: string;
  provider: ProviderDescriptor;
  /** Contacts per page the exporter asks for. */
  pageSize: number;
  open(): Promise<ContactsConformanceAccount>;
  /** Field path → why this provider cannot keep it; not compared. */
  knownLosses?: Partial<Record<string, string>>;
  /** Rewrites a contact into this provider's spelling of the same thing, applied to both sides. */
  normalize?(contact: Contact): Contact;
}

const SUITE_SOURCE = 'conformance:suite:contacts';
const suiteKey = (contact: Contact) => `${SUITE_SOURCE}:${contact.uid}`;

const exportAll = (target: ContactsConformanceTarget, ctx: AdapterContext) =>
  exportAllPages<Contact>(target.provider.dataTypes.contacts!.export!.create(ctx), { maxPages: 1000 });

const streamOf = (bytes: Uint8Array): ContentStream => ({
  body: new ReadableStream({ start: (c) => (c.enqueue(bytes), c.close()) }),
  size: bytes.length,
  contentType: 'image/jpeg',
  offset: 0,
});

/** The suite plays the exporter: a source whose photos are the entries' bytes. */
function importItems(entries: readonly VCardEntry[], containerId: string): ImportItem<Contact>[] {
  return entries.map(({ contact, photo }) => {
    const item: ImportItem<Contact> = { key: suiteKey(contact), dataType: 'contacts', title: contact.name.formatted, containerId, data: contact };
    if (photo && 'bytes' in photo) {
      item.data = { ...contact, photo: { contentType: photo.contentType, sourceUrl: `suite:${contact.uid}` } };
      item.content = async () => streamOf(photo.bytes);
    }
    return item;
  });
}

async function importAll(target: ContactsConformanceTarget, ctx: AdapterContext, entries: readonly VCardEntry[]) {
  const support = target.provider.dataTypes.contacts!.import!;
  const importer = support.create(ctx);
  const containerId = await importer.ensureContainer({ key: `${SUITE_SOURCE}:container:default`, dataType: 'contacts', name: 'Contacts', isDefault: true });
  const items = importItems(entries, containerId);
  const ids = new Map<string, string>();
  for (let i = 0; i < items.length; i += support.batchSize) {
    const batch = items.slice(i, i + support.batchSize);
    const results = await importer.importBatch(batch);
    expect(results.map((r) => r.key)).toEqual(batch.map((b) => b.key));
    for (const r of results) {
      if (!r.ok) throw new Error(`${target.name} refused ${r.key}: ${r.error.message}`);
      ids.set(r.key, r.destinationId);
    }
  }
  return { importer, items, ids };
}

/** A field's value for comparing: order-free lists, `preferred` left out (providers mark their own first entry). */
function comparable(contact: Contact, field: string): unknown {
  const strip = <T extends { preferred?: boolean }>(list: T[]) => list.map(({ preferred: _, ...rest }) => rest);
  const sortJson = (list: unknown[]) => list.map((v) => JSON.stringify(v)).sort();
  switch (field) {
    case 'emails':
    case 'phones':
    case 'addresses':
    case 'urls':
      return sortJson(strip(contact[field] as { preferred?: boolean }[]));
    case 'emails.types':
    case 'phones.types':
    case 'addresses.types':
    case 'urls.types':
      return undefined;
    case 'groups':
    case 'nicknames':
      return [...contact[field]].sort();
    case 'photo':
      return Boolean(contact.photo);
    default:
      return field.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], contact);
  }
}

function withoutLosses(contact: Contact, losses: Partial<Record<string, string>>): Contact {
  const copy = structuredClone(contact);
  const untyped = <T extends { types: string[] }>(list: T[]) => list.map((e) => ({ ...e, types: [] }));
  if (losses['emails.types']) copy.emails = untyped(copy.emails);
  if (losses['phones.types']) copy.phones = untyped(copy.phones);
  if (losses['addresses.types']) copy.addresses = untyped(copy.addresses);
  if (losses['urls.types']) copy.urls = untyped(copy.urls);
  return copy;
}

function expectSameContact(target: ContactsConformanceTarget, want: Contact, got: Contact, photoExpected: boolean) {
  const losses = target.knownLosses ?? {};
  const a = withoutLosses(target.normalize ? target.normalize(want) : want, losses);
  const b = withoutLosses(target.normalize ? target.normalize(got) : got, losses);
  for (const field of CONTACT_FIELDS) {
    if (losses[field] || field === 'updated' || field === 'photo') continue;
    expect(comparable(b, field), `${target.name}: ${want.name.formatted} → ${field}`).toEqual(comparable(a, field));
  }
  expect(Boolean(got.photo), `${target.name}: ${want.name.formatted} → photo`).toBe(photoExpected);
}

async function readAll(stream: ContentStream): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream.body).arrayBuffer());
}

export function runContactsConformance(target: ContactsConformanceTarget): void {
  describe(`contacts conformance: ${target.name}`, () => {
    let account: ContactsConformanceAccount;
    beforeAll(async () => {
      account = await target.open();
    });
    afterAll(async () => {
      await account?.close();
    });
    beforeEach(async () => {
      await account.reset();
    });

    it('export: keys and containers are well formed', async () => {
      await account.seed(CANONICAL_CONTACTS);
      const { containers, items } = await exportAll(target, account.ctx);
      const prefix = `${target.provider.id}:${account.ctx.account}:contacts:`;
      expect(containers.filter((c) => c.isDefault)).toHaveLength(1);
      for (const c of containers) expect(c.key.startsWith(`${prefix}container:`), c.key).toBe(true);
      expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
      for (const item of items) {
        expect(item.key.startsWith(prefix) && !item.key.includes(':container:'), item.key).toBe(true);
        expect(containers.some((c) => c.key === item.containerKey)).toBe(true);
        expect(item.title).toBeTruthy();
      }
    });

    it('export: every seeded contact arrives with every field, photo bytes included', async () => {
      await account.seed(CANONICAL_CONTACTS);
      const { items, exporter } = await exportAll(target, account.ctx);
      expect(items).toHaveLength(CANONICAL_CONTACTS.length);
      for (const { contact, photo } of CANONICAL_CONTACTS) {
        const got = items.find((i) => i.data.uid === contact.uid);
        expect(got, `${contact.uid} exported`).toBeDefined();
        expectSameContact(target, contact, got!.data, Boolean(photo));
        if (photo && 'bytes' in photo) expect(await readAll(await exporter.openContent!(got!))).toEqual(photo.bytes);
      }
    });

    it('export: pagination returns every contact exactly once', async () => {
      const count = target.pageSize * 2 + 1;
      await account.seed(pagingContacts(count));
      const { items, pages } = await exportAll(target, account.ctx);
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(new Set(items.map((i) => i.data.uid)).size).toBe(count);
      expect(items).toHaveLength(count);
    });

    it('import: lookup finds nothing that was never imported', async () => {
      const importer = target.provider.dataTypes.contacts!.import!.create(account.ctx);
      const containerId = await importer.ensureContainer({ key: `${SUITE_SOURCE}:container:default`, dataType: 'contacts', name: 'Contacts', isDefault: true });
      expect((await importer.lookup(importItems(CANONICAL_CONTACTS, containerId))).size).toBe(0);
    });

    it('import: everything imported comes back field by field, photos included', async () => {
      const { importer, items, ids } = await importAll(target, account.ctx, CANONICAL_CONTACTS);
      const { items: exported, exporter } = await exportAll(target, account.ctx);
      expect(exported).toHaveLength(CANONICAL_CONTACTS.length);
      for (const { contact, photo } of CANONICAL_CONTACTS) {
        const got = exported.find((i) => i.data.uid === contact.uid);
        expect(got, `${contact.uid} imported`).toBeDefined();
        expectSameContact(target, contact, got!.data, Boolean(photo));
        if (photo && 'bytes' in photo) expect(await readAll(await exporter.openContent!(got!))).toEqual(photo.bytes);
      }
      const found = await importer.lookup(items);
      expect(Object.fromEntries(found)).toEqual(Object.fromEntries(ids));
    });

    it('import: re-importing creates nothing new', async () => {
      const first = await importAll(target, account.ctx, CANONICAL_CONTACTS);
      const second = await importAll(target, account.ctx, CANONICAL_CONTACTS);
      expect(Object.fromEntries(second.ids)).toEqual(Object.fromEntries(first.ids));
      const { items } = await exportAll(target, account.ctx);
      expect(items).toHaveLength(CANONICAL_CONTACTS.length);
    });

    it('throttling: a 429 comes back as a retry carrying the server’s Retry-After', async () => {
      await account.throttleNext(7);
      const error = await exportAll(target, account.ctx).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AdapterError);
      expect((error as AdapterError).errorClass).toBe('retry');
      expect((error as AdapterError).details.retryAfterMs).toBe(7000);
    });
  });
}
