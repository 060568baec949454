/** labels.list, labels.get and labels.create, with Gmail's refusals of reserved and taken names. */
import { GoogleApiError, badRequest, notFound } from '../errors';
import type { GmailMailbox, StoredLabel } from './store';
import { RESERVED_LABEL_NAMES } from './store';

const LABEL_FIELDS = ['id', 'name', 'type', 'messageListVisibility', 'labelListVisibility', 'color', 'messagesTotal', 'messagesUnread', 'threadsTotal', 'threadsUnread'];
const LIST_VISIBILITY = ['labelShow', 'labelShowIfUnread', 'labelHide'];
const MESSAGE_VISIBILITY = ['show', 'hide'];

export const listLabels = (mailbox: GmailMailbox) => ({ labels: [...mailbox.labels.values()].map((l) => ({ ...l })) });

export function getLabel(mailbox: GmailMailbox, id: string): StoredLabel {
  const label = mailbox.labels.get(id);
  if (!label) throw notFound();
  return { ...label };
}

export function createLabel(mailbox: GmailMailbox, body: unknown): StoredLabel {
  const input = (body ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!LABEL_FIELDS.includes(key)) throw badRequest(`Invalid JSON payload received. Unknown name "${key}": Cannot find field.`);
  }
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name || RESERVED_LABEL_NAMES.has(name.toLowerCase()) || name.includes('^')) throw badRequest('Invalid label name', 'invalidArgument');
  if (input.labelListVisibility !== undefined && !LIST_VISIBILITY.includes(String(input.labelListVisibility))) {
    throw badRequest(`Invalid value at 'label.label_list_visibility', "${String(input.labelListVisibility)}"`);
  }
  if (input.messageListVisibility !== undefined && !MESSAGE_VISIBILITY.includes(String(input.messageListVisibility))) {
    throw badRequest(`Invalid value at 'label.message_list_visibility', "${String(input.messageListVisibility)}"`);
  }
  if (mailbox.userLabelNamed(name) || [...mailbox.labels.values()].some((l) => l.name.toLowerCase() === name.toLowerCase())) {
    throw new GoogleApiError(409, [{ domain: 'global', reason: 'failedPrecondition', message: 'Label name exists or conflicts' }]);
  }
  return { ...mailbox.addUserLabel(name, {
    ...(input.labelListVisibility !== undefined && { labelListVisibility: input.labelListVisibility as StoredLabel['labelListVisibility'] }),
    ...(input.messageListVisibility !== undefined && { messageListVisibility: input.messageListVisibility as StoredLabel['messageListVisibility'] }),
  }) };
}
