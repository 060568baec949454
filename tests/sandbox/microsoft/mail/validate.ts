/** Checks of JSON bodies against the message and attachment types, with Graph's own refusals. */
import { badRequest } from '../graph/errors';
import { ATTACHMENT_ITEM_PROPERTIES, ENUMS } from './schema';
import type { Recipient } from './store';

export const unknownProperty = (name: string, type: string) =>
  badRequest('RequestBodyRead', `The property '${name}' does not exist on type '${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`);

export const invalidValue = (name: string, value: unknown) =>
  badRequest('RequestBodyRead', `Cannot convert the literal '${String(value)}' to the expected type for property '${name}'.`);

export function requireObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('RequestBodyRead', 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

export function checkKeys(body: Record<string, unknown>, allowed: readonly string[], type: string): void {
  for (const key of Object.keys(body)) if (!key.startsWith('@odata.') && !allowed.includes(key)) throw unknownProperty(key, type);
}

export function checkEnum(name: keyof typeof ENUMS, property: string, value: unknown): void {
  if (value !== undefined && !(ENUMS[name] as readonly string[]).includes(String(value))) throw invalidValue(property, value);
}

export function recipientList(property: string, value: unknown): Recipient[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw invalidValue(property, value);
  return value.map((r) => recipientOf(property, r));
}

export function recipientOf(property: string, value: unknown): Recipient {
  const address = (value as { emailAddress?: { address?: unknown; name?: unknown } } | null)?.emailAddress;
  if (typeof address?.address !== 'string') throw invalidValue(property, JSON.stringify(value));
  return { emailAddress: typeof address.name === 'string' ? { name: address.name, address: address.address } : { address: address.address } };
}

export function attachmentItemOf(body: unknown) {
  const item = requireObject(requireObject(body).AttachmentItem ?? requireObject(body).attachmentItem);
  checkKeys(item, ATTACHMENT_ITEM_PROPERTIES, 'microsoft.graph.attachmentItem');
  checkEnum('graph.attachmentType', 'attachmentType', item.attachmentType);
  if (typeof item.name !== 'string' || item.name === '') throw badRequest('ErrorInvalidParameter', "The attachment's name is required.");
  if (typeof item.size !== 'number' || !Number.isInteger(item.size)) throw badRequest('ErrorInvalidParameter', "The attachment's size is required.");
  return {
    attachmentType: item.attachmentType as string | undefined,
    name: item.name,
    size: item.size,
    contentType: typeof item.contentType === 'string' ? item.contentType : 'application/octet-stream',
    isInline: item.isInline === true,
    ...(typeof item.contentId === 'string' && { contentId: item.contentId }),
  };
}
