/**
 * Which contacts Ferry made at Google before, by source key. The People API cannot search clientData, so
 * the index is one listing of every contact's clientData and photo (1000 a page), read when first needed and
 * again after a request whose answer was lost, when contacts may exist that Ferry was never told about.
 */
import type { AdapterContext } from '../../../model/adapter';
import { query } from '../client';
import type { ListConnectionsResponse } from './api-types';
import { SOURCE_KEY } from './map';
import { PEOPLE_API, peopleRequest } from './people';

export interface IndexedContact {
  resourceName: string;
  hasPhoto: boolean;
}

const PAGE_SIZE = 1000;

export class SourceKeyIndex {
  private entries: Promise<Map<string, IndexedContact>> | undefined;

  constructor(private readonly ctx: AdapterContext) {}

  get(): Promise<Map<string, IndexedContact>> {
    this.entries ??= this.read();
    this.entries.catch(() => this.invalidate());
    return this.entries;
  }

  /** Forget what was read: the next `get` lists the contacts again. */
  invalidate(): void {
    this.entries = undefined;
  }

  private async read(): Promise<Map<string, IndexedContact>> {
    const found = new Map<string, IndexedContact>();
    let pageToken: string | undefined;
    do {
      const params = query({ personFields: 'clientData,photos', pageSize: PAGE_SIZE, pageToken });
      const page = await peopleRequest<ListConnectionsResponse>(this.ctx, 'GET', `${PEOPLE_API}/people/me/connections${params}`);
      for (const person of page.connections ?? []) {
        const key = person.clientData?.find((d) => d.key === SOURCE_KEY)?.value;
        if (key && person.resourceName) found.set(key, { resourceName: person.resourceName, hasPhoto: Boolean(person.photos?.some((p) => !p.default)) });
      }
      pageToken = page.nextPageToken;
    } while (pageToken);
    return found;
  }
}
