/**
 * Google Contacts in the Google sandbox: the People API v1 (people.googleapis.com) and contact photos at
 * `lh3.googleusercontent.com/contacts-photo/…` (that host is declared by the Photos data type, which leaves
 * this path prefix to this one).
 */
import type { SandboxDataType, SandboxReply, SandboxRequest } from '../../core/types';
import type { GoogleDataTypeDeps } from '../data-types';
import { PEOPLE_HOST, createPeopleApi } from './api';
import { dumpContacts, seedContacts } from './archive';
import { PeopleError } from './errors';
import { DEFAULT_PEOPLE_QUOTA, PeopleQuota, type PeopleQuotaOptions } from './quota';
import { PHOTO_HOST, PHOTO_PATH, PeopleStore } from './store';

export interface PeopleSandboxOptions {
  /** Per-user read/write quotas; null turns them off (env FERRY_SANDBOX_PEOPLE_QUOTA=off, or "<reads>,<writes>"). */
  quota?: PeopleQuotaOptions | null;
  /** How long a mutation holds the user's mutation slot (default 5 ms). */
  mutationMs?: number;
}

function quotaFromEnv(value: string | undefined): PeopleQuotaOptions | null {
  if (value === undefined || value === '') return DEFAULT_PEOPLE_QUOTA;
  if (value === 'off') return null;
  const [readsPerMinute, writesPerMinute] = value.split(',').map(Number);
  if (!(readsPerMinute! > 0 && writesPerMinute! > 0)) throw new Error(`FERRY_SANDBOX_PEOPLE_QUOTA must be "off" or "<reads>,<writes>", not "${value}"`);
  return { readsPerMinute: readsPerMinute!, writesPerMinute: writesPerMinute! };
}

export function createGoogleContacts(deps: GoogleDataTypeDeps, options: PeopleSandboxOptions = {}): SandboxDataType & { store: PeopleStore; quota: PeopleQuota } {
  const store = new PeopleStore(deps.now);
  const quota = new PeopleQuota(options.quota === undefined ? quotaFromEnv(process.env.FERRY_SANDBOX_PEOPLE_QUOTA) : options.quota, deps.now, options.mutationMs ?? 5);
  const api = createPeopleApi(store, deps.ctx.tokens, quota);

  function photo(req: SandboxRequest): SandboxReply {
    const found = req.method === 'GET' ? store.photoOf(req.path.slice(PHOTO_PATH.length)) : undefined;
    if (!found) return new PeopleError(404, 'Not Found').reply();
    return { status: 200, headers: { 'content-type': found.contentType, 'content-length': String(found.bytes.length), 'cache-control': 'private, max-age=86400' }, body: found.bytes };
  }

  return {
    name: 'contacts',
    hosts: [PEOPLE_HOST],
    store,
    quota,
    handle: async (req) => {
      if (req.host === PEOPLE_HOST) return api(req);
      if (req.host === PHOTO_HOST && req.path.startsWith(PHOTO_PATH)) return photo(req);
      return undefined;
    },
    seed: async (dataDir) => {
      await seedContacts(store, dataDir);
    },
    dump: (outDir) => dumpContacts(store, outDir),
    snapshot: () => ({
      people: [...store.persons.values()].map((p) => ({ ...p.person, photoBytes: p.photo?.bytes.length ?? 0, updateTime: p.updateTime })),
      contactGroups: [...store.groups.values()].filter((g) => g.groupType === 'USER_CONTACT_GROUP'),
    }),
    reset: () => {
      store.reset();
      quota.reset();
    },
  };
}
