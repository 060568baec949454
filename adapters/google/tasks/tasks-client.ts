/**
 * Requests to the Tasks API (https://developers.google.com/workspace/tasks/reference/rest) through the Google
 * client.
 */
import type { AdapterContext } from '../../../model/adapter';
import { googleRequest, query } from '../client';
import type { GoogleTask, GoogleTaskList, GoogleTaskLists, GoogleTasks } from './api-types';

export const TASKS_API = 'https://tasks.googleapis.com/tasks/v1';
/** tasklists.list's largest page (discovery document: "max allowed: 1000"). */
const LISTS_PAGE_SIZE = 1000;
/** tasks.list's largest page (discovery document: "max allowed: 100"). */
export const TASKS_PAGE_SIZE = 100;

export const listUrl = (listId: string): string => `${TASKS_API}/lists/${encodeURIComponent(listId)}/tasks`;

/** Every task list of the account, in Google's order. */
export async function listTaskLists(ctx: AdapterContext): Promise<GoogleTaskList[]> {
  const lists: GoogleTaskList[] = [];
  let pageToken: string | undefined;
  do {
    const page = await googleRequest<GoogleTaskLists>(ctx, 'GET', `${TASKS_API}/users/@me/lists${query({ maxResults: LISTS_PAGE_SIZE, pageToken })}`);
    lists.push(...(page.items ?? []));
    pageToken = page.nextPageToken;
  } while (pageToken);
  return lists;
}

/** The account's default list ("My Tasks"), which Google names `@default`. */
export const defaultTaskList = (ctx: AdapterContext): Promise<GoogleTaskList> =>
  googleRequest<GoogleTaskList>(ctx, 'GET', `${TASKS_API}/users/@me/lists/@default`);

/** Every task of a list, completed and hidden ones included (deleted ones are not asked for). */
export async function listTasks(ctx: AdapterContext, listId: string, pageSize = TASKS_PAGE_SIZE): Promise<{ tasks: GoogleTask[]; pages: number }> {
  const tasks: GoogleTask[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  do {
    const params = query({ maxResults: pageSize, showCompleted: true, showHidden: true, pageToken });
    const page = await googleRequest<GoogleTasks>(ctx, 'GET', `${listUrl(listId)}${params}`);
    tasks.push(...(page.items ?? []));
    pageToken = page.nextPageToken;
    pages += 1;
  } while (pageToken);
  return { tasks, pages };
}
