/**
 * The person's contact groups (labels in Google Contacts). A model contact's groups are group names;
 * Google's system groups (myContacts, starred, …) are not the person's own and are left out.
 * https://developers.google.com/people/api/rest/v1/contactGroups
 */
import type { AdapterContext } from '../../../model/adapter';
import { query } from '../client';
import type { ContactGroup, ListContactGroupsResponse } from './api-types';
import { PEOPLE_API, peopleRequest } from './people';

/** contactGroups.list's largest page (discovery document: "pageSize … 1 and 1000, inclusive"). */
const GROUPS_PAGE_SIZE = 1000;

/** The person's own groups, name by resource name. */
export async function listUserGroups(ctx: AdapterContext): Promise<ContactGroup[]> {
  const groups: ContactGroup[] = [];
  let pageToken: string | undefined;
  do {
    const page = await peopleRequest<ListContactGroupsResponse>(ctx, 'GET', `${PEOPLE_API}/contactGroups${query({ pageSize: GROUPS_PAGE_SIZE, pageToken, groupFields: 'name,groupType' })}`);
    groups.push(...(page.contactGroups ?? []).filter((g) => g.groupType === 'USER_CONTACT_GROUP'));
    pageToken = page.nextPageToken;
  } while (pageToken);
  return groups;
}

/** Finds each named group or creates it (one at a time: mutations for a user go in sequence). */
export async function ensureGroups(ctx: AdapterContext, names: readonly string[], known: Map<string, string>): Promise<void> {
  const missing = [...new Set(names)].filter((name) => !known.has(name));
  if (missing.length === 0) return;
  for (const group of await listUserGroups(ctx)) if (group.name) known.set(group.name, group.resourceName);
  for (const name of missing.filter((n) => !known.has(n))) {
    const created = await peopleRequest<ContactGroup>(ctx, 'POST', `${PEOPLE_API}/contactGroups`, { contactGroup: { name } });
    known.set(name, created.resourceName);
  }
}
