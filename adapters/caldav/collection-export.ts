/**
 * What the exporters of a DAV home share (CalDAV's events and tasks, CardDAV's contacts): the collections that
 * hold the data type, as containers with the account's default marked; each collection's members, listed with
 * sync-collection where the server offers it, else PROPFIND; and pages of members read with one multiget, the
 * cursor holding the collections and the last member done, in URL order.
 */
import type { AdapterContext, Container, ExportPage, ExportedItem } from '../../model/adapter';
import { decodeCursor, encodeCursor } from '../cursor';
import { collectionKey, collectionsFor, defaultCollection } from './collections';
import { fetchObjects, listMembers, type DavCollection, type DavMember, type DavObject } from './webdav/collections';
import { accountOf, type DavKind } from './webdav/discovery';

interface MemberCursor {
  collections: string[];
  at: number;
  /** URL of the last member exported in `collections[at]`. */
  after?: string;
}

const NOUNS = { calendar: 'events', tasks: 'tasks', contacts: 'contacts' } as const;

export abstract class DavCollectionExporter {
  private found?: Promise<DavCollection[]>;
  private readonly members = new Map<string, Promise<DavMember[]>>();

  constructor(
    protected readonly ctx: AdapterContext,
    protected readonly kind: DavKind,
    readonly dataType: 'calendar' | 'tasks' | 'contacts',
    /** The calendar component exported (VEVENT, VTODO); none for address books. */
    protected readonly component: 'VEVENT' | 'VTODO' | undefined,
    protected readonly pageSize: number,
  ) {}

  /** What the data type's members are called in messages ("reading the events of …"). */
  protected get noun(): string {
    return NOUNS[this.dataType];
  }

  protected collections(): Promise<DavCollection[]> {
    this.found ??= accountOf(this.ctx, this.kind).then((account) => collectionsFor(this.ctx, account, this.kind, this.component));
    return this.found;
  }

  protected membersOf(collection: DavCollection): Promise<DavMember[]> {
    let members = this.members.get(collection.url);
    if (!members) {
      members = listMembers(this.ctx, collection, `listing the ${this.noun} of "${collection.name}"`);
      members.catch(() => this.members.delete(collection.url));
      this.members.set(collection.url, members);
    }
    return members;
  }

  protected containerKey(url: string): string {
    return collectionKey(this.kind, this.ctx.account, this.dataType, url);
  }

  protected async containers(): Promise<{ collections: DavCollection[]; containers: Container[] }> {
    const account = await accountOf(this.ctx, this.kind);
    const collections = await this.collections();
    const own = defaultCollection(account, collections, this.component);
    const containers = collections.map((c): Container => {
      const container: Container = { key: this.containerKey(c.url), dataType: this.dataType, name: c.name };
      if (c.description) container.description = c.description;
      // An address book's colour or zone, should a server give one, means nothing to a contacts destination.
      if (this.component && c.color) container.color = c.color;
      if (this.component && c.timeZone) container.timeZone = c.timeZone;
      if (c === own) container.isDefault = true;
      return container;
    });
    return { collections, containers };
  }

  /** The page at `cursorText` of up to pageSize members, each member's object turned into its items by `itemsOf`. */
  protected async memberPage(cursorText: string | undefined, itemsOf: (object: DavObject, collection: DavCollection) => ExportedItem[]): Promise<ExportPage> {
    if (cursorText !== undefined) return this.membersFrom(decodeCursor<MemberCursor>(cursorText), [], itemsOf);
    const { collections, containers } = await this.containers();
    return this.membersFrom({ collections: collections.map((c) => c.url), at: 0 }, containers, itemsOf);
  }

  private async membersFrom(cursor: MemberCursor, containers: Container[], itemsOf: (object: DavObject, collection: DavCollection) => ExportedItem[]): Promise<ExportPage> {
    const known = await this.collections();
    const items: ExportedItem[] = [];
    let { at, after } = cursor;
    let taken = 0;
    while (at < cursor.collections.length && taken < this.pageSize) {
      const collection = known.find((c) => c.url === cursor.collections[at]);
      const rest = collection ? (await this.membersOf(collection)).filter((m) => after === undefined || m.url > after) : [];
      const chunk = rest.slice(0, this.pageSize - taken);
      if (collection && chunk.length) {
        const objects = await fetchObjects(this.ctx, collection, chunk, this.kind, `reading the ${this.noun} of "${collection.name}"`);
        for (const object of objects) items.push(...itemsOf(object, collection));
      }
      taken += chunk.length;
      if (chunk.length === rest.length) {
        at += 1;
        after = undefined;
      } else {
        after = chunk[chunk.length - 1]!.url;
      }
    }
    const page: ExportPage = { containers, items };
    if (at < cursor.collections.length) page.next = encodeCursor<MemberCursor>(after === undefined ? { collections: cursor.collections, at } : { collections: cursor.collections, at, after });
    return page;
  }
}
