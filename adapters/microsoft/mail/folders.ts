/**
 * The mailbox's folders as the model names them: the well-known ones (https://learn.microsoft.com/graph/api/resources/mailfolder)
 * by the names in MAIL_SYSTEM_FOLDERS, the others by their path of display names (`Projects/2024`).
 */
import type { AdapterContext } from '../../../model/adapter';
import type { MailSystemFolder } from '../../../model/mail';
import { GRAPH_API, graphBatch, graphNextPage, graphRequest, isConflict, odataString, query } from '../client';
import type { GraphCollection, GraphMailFolder } from './api-types';

export const WELL_KNOWN: Readonly<Record<MailSystemFolder, string>> = {
  Inbox: 'inbox',
  Sent: 'sentitems',
  Drafts: 'drafts',
  Archive: 'archive',
  Junk: 'junkemail',
  Trash: 'deleteditems',
};

/** Folders the export leaves out, as Gmail's leaves out Spam and Trash. */
export const NOT_EXPORTED: readonly MailSystemFolder[] = ['Junk', 'Trash'];

const FOLDER_FIELDS = 'id,displayName,parentFolderId,childFolderCount';

export const folderUrl = (id: string): string => `${GRAPH_API}/me/mailFolders/${encodeURIComponent(id)}`;

async function allPages(ctx: AdapterContext, url: string): Promise<GraphMailFolder[]> {
  const folders: GraphMailFolder[] = [];
  let page = await graphRequest<GraphCollection<GraphMailFolder>>(ctx, 'GET', url);
  folders.push(...(page.value ?? []));
  while (page['@odata.nextLink']) {
    page = await graphNextPage<GraphCollection<GraphMailFolder>>(ctx, page['@odata.nextLink']);
    folders.push(...(page.value ?? []));
  }
  return folders;
}

/** Ids of the well-known folders the mailbox has (one $batch). */
export async function wellKnownIds(ctx: AdapterContext): Promise<Map<string, MailSystemFolder>> {
  const names = Object.entries(WELL_KNOWN) as [MailSystemFolder, string][];
  const answers = await graphBatch(ctx, names.map(([, wellKnown], i) => ({ id: String(i), method: 'GET', url: `${folderUrl(wellKnown)}${query({ $select: 'id' })}` })));
  const ids = new Map<string, MailSystemFolder>();
  answers.forEach((answer, i) => {
    if (answer.ok) ids.set((answer.body as GraphMailFolder).id, names[i]![0]);
    else if (answer.error.errorClass !== 'skip') throw answer.error;
  });
  return ids;
}

export interface NamedFolder {
  id: string;
  name: string;
}

/** Every folder with its model name, child folders included. */
export async function listFolders(ctx: AdapterContext): Promise<NamedFolder[]> {
  const system = await wellKnownIds(ctx);
  const out: NamedFolder[] = [];
  const visit = async (folders: GraphMailFolder[], parentPath: string | undefined) => {
    for (const folder of folders) {
      const name = system.get(folder.id) ?? (parentPath ? `${parentPath}/${folder.displayName}` : folder.displayName);
      out.push({ id: folder.id, name });
      if (folder.childFolderCount) {
        await visit(await allPages(ctx, `${folderUrl(folder.id)}/childFolders${query({ $select: FOLDER_FIELDS, $top: 100 })}`), name);
      }
    }
  };
  await visit(await allPages(ctx, `${GRAPH_API}/me/mailFolders${query({ $select: FOLDER_FIELDS, $top: 100 })}`), undefined);
  return out;
}

/** The top-level folder of that display name, made when absent; a second call finds the one made by the first. */
export async function ensureFolder(ctx: AdapterContext, name: string): Promise<string> {
  const find = async () => {
    const url = `${GRAPH_API}/me/mailFolders${query({ $filter: `displayName eq ${odataString(name)}`, $select: 'id,displayName' })}`;
    return (await graphRequest<GraphCollection<GraphMailFolder>>(ctx, 'GET', url)).value?.[0]?.id;
  };
  const existing = await find();
  if (existing) return existing;
  try {
    return (await graphRequest<GraphMailFolder>(ctx, 'POST', `${GRAPH_API}/me/mailFolders`, { displayName: name })).id;
  } catch (error) {
    // ErrorFolderExists: made meanwhile, by a request whose answer was lost.
    const made = isConflict(error) ? await find() : undefined;
    if (made) return made;
    throw error;
  }
}
