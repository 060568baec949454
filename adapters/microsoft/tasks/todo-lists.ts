/** The person's To Do lists and the tasks of one, as the exporter and the importer read them (https://learn.microsoft.com/graph/api/todo-list-lists). */
import type { AdapterContext } from '../../../model/adapter';
import { GRAPH_API, graphNextPage, graphRequest, query } from '../client';
import type { GraphCollection, GraphTodoTask, GraphTodoTaskList } from './api-types';

export const TODO_LISTS = `${GRAPH_API}/me/todo/lists`;
export const tasksUrl = (listId: string): string => `${TODO_LISTS}/${encodeURIComponent(listId)}/tasks`;
export const checklistUrl = (listId: string, taskId: string): string => `${tasksUrl(listId)}/${encodeURIComponent(taskId)}/checklistItems`;

export async function listTodoLists(ctx: AdapterContext): Promise<GraphTodoTaskList[]> {
  const lists: GraphTodoTaskList[] = [];
  let page = await graphRequest<GraphCollection<GraphTodoTaskList>>(ctx, 'GET', TODO_LISTS);
  lists.push(...(page.value ?? []));
  while (page['@odata.nextLink']) {
    page = await graphNextPage<GraphCollection<GraphTodoTaskList>>(ctx, page['@odata.nextLink']);
    lists.push(...(page.value ?? []));
  }
  return lists;
}

/** Every task of a list with its links (Ferry's source keys live there), following @odata.nextLink. */
export async function listTasksWithLinks(ctx: AdapterContext, listId: string): Promise<GraphTodoTask[]> {
  const tasks: GraphTodoTask[] = [];
  let page = await graphRequest<GraphCollection<GraphTodoTask>>(ctx, 'GET', `${tasksUrl(listId)}${query({ $select: 'id,title', $expand: 'linkedResources' })}`);
  tasks.push(...(page.value ?? []));
  while (page['@odata.nextLink']) {
    page = await graphNextPage<GraphCollection<GraphTodoTask>>(ctx, page['@odata.nextLink']);
    tasks.push(...(page.value ?? []));
  }
  return tasks;
}
