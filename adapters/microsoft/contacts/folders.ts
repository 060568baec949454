/**
 * The mailbox's contact folders. `/me/contacts` is the default Contacts folder; `/me/contactFolders` lists
 * the folders the person made beside it (https://learn.microsoft.com/graph/api/user-list-contactfolders).
 */
import type { AdapterContext } from '../../../model/adapter';
import { GRAPH_API, graphNextPage, graphRequest, isConflict, query } from '../client';
import type { GraphCollection, GraphContactFolder } from './api-types';

/** The default Contacts folder's stand-in id: Graph addresses it as `/me/contacts`. */
export const DEFAULT_FOLDER = 'contacts';

export const contactsPath = (folderId: string): string =>
  folderId === DEFAULT_FOLDER ? `${GRAPH_API}/me/contacts` : `${GRAPH_API}/me/contactFolders/${encodeURIComponent(folderId)}/contacts`;

export async function listFolders(ctx: AdapterContext): Promise<GraphContactFolder[]> {
  const folders: GraphContactFolder[] = [];
  let page = await graphRequest<GraphCollection<GraphContactFolder>>(ctx, 'GET', `${GRAPH_API}/me/contactFolders${query({ $top: 100 })}`);
  folders.push(...(page.value ?? []));
  while (page['@odata.nextLink']) {
    page = await graphNextPage<GraphCollection<GraphContactFolder>>(ctx, page['@odata.nextLink']);
    folders.push(...(page.value ?? []));
  }
  return folders;
}

/** The folder with this name (Outlook folder names are unique, case aside), made when missing. */
export async function folderNamed(ctx: AdapterContext, name: string): Promise<GraphContactFolder> {
  const find = async () => (await listFolders(ctx)).find((f) => f.displayName.toLowerCase() === name.toLowerCase());
  const existing = await find();
  if (existing) return existing;
  try {
    return await graphRequest<GraphContactFolder>(ctx, 'POST', `${GRAPH_API}/me/contactFolders`, { displayName: name });
  } catch (error) {
    // ErrorFolderExists: made meanwhile (an earlier answer that was lost).
    const made = isConflict(error) ? await find() : undefined;
    if (made) return made;
    throw error;
  }
}
