/**
 * Finds messages again by their internetMessageId in their folder, a whole importer batch in one $batch. A
 * message that still wears INCOMPLETE_CATEGORY was left half-made by a stopped worker: it is deleted (in one
 * more $batch) and counts as not found, so it is made again whole.
 */
import { AdapterError, type AdapterContext } from '../../../model/adapter';
import { GRAPH_API, graphBatch, odataString, query, type BatchAnswer } from '../client';
import type { GraphCollection, GraphMessage } from './api-types';
import { folderUrl } from './folders';
import { INCOMPLETE_CATEGORY } from './rebuild';

export interface Sought {
  key: string;
  messageId: string;
  folderId: string;
}

/** By key: the id of the message found, undefined when there is none, or why looking failed for that item. */
export type Found = Map<string, string | undefined | AdapterError>;

const findUrl = (s: Sought): string =>
  `${folderUrl(s.folderId)}/messages${query({ $filter: `internetMessageId eq ${odataString(s.messageId)}`, $select: 'id,categories', $top: 1 })}`;

/** Mail's $batch calls run their requests one by one, so the importer's batches overlap (graphBatch's inOrder). */
export const IN_ORDER = { inOrder: true };

export const messageUrl = (id: string): string => `${GRAPH_API}/me/messages/${encodeURIComponent(id)}`;

/** A part's refusal as the single request's would be: fatal stops the job, the rest is the item's. */
export function partError(answer: Extract<BatchAnswer, { ok: false }>): AdapterError {
  if (answer.error.errorClass === 'fatal') throw answer.error;
  return answer.error;
}

export async function findMessages(ctx: AdapterContext, sought: readonly Sought[]): Promise<Found> {
  const found: Found = new Map();
  const asked = sought.filter((s) => s.messageId);
  const answers = await graphBatch(ctx, asked.map((s, i) => ({ id: String(i), method: 'GET', url: findUrl(s) })), IN_ORDER);
  const halfMade: { key: string; id: string }[] = [];
  asked.forEach((s, i) => {
    const answer = answers[i]!;
    // A folder that is gone holds nothing to find; the create then says what is wrong with it.
    if (!answer.ok) return found.set(s.key, answer.status === 404 ? undefined : partError(answer));
    const message = (answer.body as GraphCollection<GraphMessage>).value?.[0];
    if (message?.categories?.includes(INCOMPLETE_CATEGORY)) halfMade.push({ key: s.key, id: message.id });
    found.set(s.key, message?.id);
  });
  const deleted = await graphBatch(ctx, halfMade.map((h, i) => ({ id: String(i), method: 'DELETE', url: messageUrl(h.id) })), IN_ORDER);
  halfMade.forEach((h, i) => {
    const answer = deleted[i]!;
    found.set(h.key, answer.ok || answer.status === 404 ? undefined : partError(answer));
  });
  return found;
}
