/**
 * Outlook mail below /me: mailFolders (+ childFolders, well-known names), messages in a folder and in the
 * whole mailbox, a message's MIME ($value), attachments and attachment upload sessions.
 * - POST …/messages with Content-Type text/plain takes the MIME in base64 and makes a draft (isDraft: true),
 *   as Graph's "create message in MIME format" does; a request over 4 MB is refused with 413.
 * - createUploadSession needs an attachment of at least 3 MB; its uploadUrl is on outlook.office.com (upload-host.ts).
 * https://learn.microsoft.com/graph/api/resources/mail-api-overview
 */
import { randomBytes } from 'node:crypto';
import type { SandboxContext } from '../../core/types';
import { ALICE, TENANT_ID } from '../account';
import { noContent, ok, readJson, type GraphCall, type GraphReply } from '../graph/call';
import { badRequest, GraphError, notFound } from '../graph/errors';
import { evaluateFilter } from '../graph/filter';
import { applySelect, parseQueryOptions, sortItems, type QueryRules } from '../graph/odata';
import { pageOf } from '../graph/paging';
import type { Route } from '../graph/routes';
import { mimeOfMessage, propertiesOfMime } from './mime';
import { presentAttachment, presentFolder, presentMessage } from './present';
import { FILE_ATTACHMENT_PROPERTIES, MAIL_FOLDER_PROPERTIES, MESSAGE_PROPERTIES, MESSAGE_UPDATABLE_SENT, MESSAGE_WRITABLE } from './schema';
import type { OutlookMailbox, StoredFolder, StoredMail } from './store';
import { attachmentItemOf, checkEnum, checkKeys, invalidValue, recipientList, recipientOf, requireObject } from './validate';

export const READ_MAIL = ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'] as const;
export const READ_MAIL_CONTENT = ['Mail.Read', 'Mail.ReadWrite'] as const;
export const WRITE_MAIL = ['Mail.ReadWrite'] as const;

/** Graph refuses a request body over 4 MB (https://learn.microsoft.com/graph/api/user-post-messages). */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/** createUploadSession's range: at least 3 MB (smaller ones go in one POST), at most 150 MB. */
export const MIN_SESSION_BYTES = 3 * 1024 * 1024;
export const MAX_ATTACHMENT_BYTES = 150 * 1024 * 1024;
export const UPLOAD_HOST = 'outlook.office.com';

const FOLDER_RULES: QueryRules = {
  typeName: 'microsoft.graph.mailFolder',
  defaultTop: 10,
  maxTop: 1000,
  selectable: MAIL_FOLDER_PROPERTIES,
  filterable: ['displayName', 'isHidden', 'totalItemCount', 'unreadItemCount', 'childFolderCount'],
  sortable: ['displayName'],
  expandable: [],
};

const MESSAGE_RULES: QueryRules = {
  typeName: 'microsoft.graph.message',
  defaultTop: 10,
  maxTop: 1000,
  selectable: MESSAGE_PROPERTIES,
  filterable: ['internetMessageId', 'subject', 'isRead', 'isDraft', 'importance', 'receivedDateTime', 'sentDateTime', 'hasAttachments', 'parentFolderId', 'flag/flagStatus', 'from/emailAddress/address'],
  sortable: ['receivedDateTime', 'sentDateTime', 'subject', 'createdDateTime', 'lastModifiedDateTime'],
  expandable: ['attachments'],
};

const methodNotAllowed = () => new GraphError(405, 'BadRequest', 'Specified HTTP method is not allowed for the request uri.');
const noSegment = (segment: string) => badRequest('BadRequest', `Resource not found for the segment '${segment}'.`);

type Handler = (call: GraphCall) => GraphReply | Promise<GraphReply>;

const pick = (method: string, handlers: Partial<Record<string, Handler>>, scopes: { read: readonly string[]; write: readonly string[] } = { read: READ_MAIL, write: WRITE_MAIL }): Route => {
  const run = handlers[method];
  if (!run) throw methodNotAllowed();
  return { scopes: method === 'GET' ? scopes.read : scopes.write, run };
};

export const mailApi = (mailbox: OutlookMailbox, ctx: SandboxContext, now: () => number) => {
  const nowIso = () => new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');

  const folder = (idOrName: string): StoredFolder => {
    const found = mailbox.folders.get(idOrName) ?? mailbox.wellKnown(idOrName.toLowerCase());
    if (idOrName.toLowerCase() === 'msgfolderroot') return { id: mailbox.rootId, displayName: 'Top of Information Store', parentFolderId: '', isHidden: false };
    if (!found) throw notFound();
    return found;
  };

  const message = (id: string): StoredMail => {
    const found = mailbox.messages.get(id);
    if (!found) throw notFound();
    return found;
  };

  const listFolders = (call: GraphCall, parentId: string): GraphReply => {
    const options = parseQueryOptions(call.query, FOLDER_RULES);
    const all = mailbox.childrenOf(parentId).filter((f) => !f.isHidden).map((f) => presentFolder(mailbox, f));
    const matching = options.filter ? all.filter((f) => evaluateFilter(options.filter!, f)) : all;
    return ok(pageOf(call, sortItems(matching, options.orderby, (f) => f), options, `users('${ALICE.id}')/mailFolders`, (f) => applySelect(f, options.select), 'skip'));
  };

  const createFolder = async (call: GraphCall, parentId: string): Promise<GraphReply> => {
    const body = requireObject(await readJson(call));
    checkKeys(body, ['displayName', 'isHidden'], 'microsoft.graph.mailFolder');
    const name = typeof body.displayName === 'string' ? body.displayName.trim() : '';
    if (!name) throw badRequest('ErrorInvalidParameter', 'The value of the parameter DisplayName is empty.');
    if (mailbox.childrenOf(parentId).some((f) => f.displayName.toLowerCase() === name.toLowerCase())) {
      throw new GraphError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
    }
    const made = mailbox.addFolder(name, parentId);
    if (body.isHidden === true) made.isHidden = true;
    return ok({ '@odata.context': `${call.serviceRoot}/$metadata#users('${ALICE.id}')/mailFolders/$entity`, ...presentFolder(mailbox, made) }, 201);
  };

  const listMessages = (call: GraphCall, folderId: string | undefined): GraphReply => {
    const options = parseQueryOptions(call.query, MESSAGE_RULES);
    const source = folderId ? mailbox.messagesIn(folderId) : [...mailbox.messages.values()].sort((a, b) => b.receivedDateTime.localeCompare(a.receivedDateTime));
    const all = source.map(presentMessage);
    const matching = options.filter ? all.filter((m) => evaluateFilter(options.filter!, m)) : all;
    return ok(pageOf(call, sortItems(matching, options.orderby, (m) => m), options, `users('${ALICE.id}')/messages`, (m) => applySelect(m, options.select), 'skip'));
  };

  const createFromMime = async (call: GraphCall, folderId: string): Promise<StoredMail> => {
    const text = (await call.req.body()).toString('latin1').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) throw badRequest('ErrorMimeContentInvalidBase64String', 'Invalid base64 string for MIME content.');
    const mime = Buffer.from(text, 'base64');
    const created = nowIso();
    const props = await propertiesOfMime(mime, created);
    if (!/\r?\n\r?\n/.test(mime.toString('latin1'))) throw badRequest('ErrorMimeContentConversionFailed', 'The MIME content could not be converted to a message.');
    const { hasAttachments, ...rest } = props;
    void hasAttachments;
    return {
      ...rest,
      internetMessageId: rest.internetMessageId || `<${mailbox.newMessageId().slice(6, 30)}@contoso.example>`,
      id: mailbox.newMessageId(),
      folderId,
      createdDateTime: created,
      lastModifiedDateTime: created,
      receivedDateTime: created,
      isRead: true,
      isDraft: true,
      flag: { flagStatus: 'notFlagged' },
      categories: [],
      mime,
      attachments: [],
    };
  };

  const createFromJson = async (call: GraphCall, folderId: string): Promise<StoredMail> => {
    const body = requireObject(await readJson(call));
    checkKeys(body, [...MESSAGE_WRITABLE, 'attachments'], 'microsoft.graph.message');
    checkEnum('graph.importance', 'importance', body.importance);
    const created = nowIso();
    const bodyValue = body.body as { contentType?: unknown; content?: unknown } | undefined;
    if (bodyValue !== undefined) checkEnum('graph.bodyType', 'contentType', bodyValue.contentType);
    const from = body.from === undefined ? undefined : recipientOf('from', body.from);
    const internetMessageId = typeof body.internetMessageId === 'string' ? body.internetMessageId : `<${mailbox.newMessageId().slice(6, 30)}@contoso.example>`;
    if (!/^<[^<>\s]+@[^<>\s]+>$/.test(internetMessageId)) throw invalidValue('internetMessageId', internetMessageId);
    const stored: StoredMail = {
      id: mailbox.newMessageId(),
      folderId,
      createdDateTime: created,
      lastModifiedDateTime: created,
      receivedDateTime: created,
      sentDateTime: created,
      internetMessageId,
      subject: typeof body.subject === 'string' ? body.subject : '',
      ...(from && { from }),
      toRecipients: recipientList('toRecipients', body.toRecipients) ?? [],
      ccRecipients: recipientList('ccRecipients', body.ccRecipients) ?? [],
      bccRecipients: recipientList('bccRecipients', body.bccRecipients) ?? [],
      replyTo: recipientList('replyTo', body.replyTo) ?? [],
      body: { contentType: bodyValue?.contentType === 'html' ? 'html' : 'text', content: typeof bodyValue?.content === 'string' ? bodyValue.content : '' },
      importance: (body.importance as StoredMail['importance'] | undefined) ?? 'normal',
      isRead: body.isRead !== false,
      isDraft: true,
      flag: { flagStatus: 'notFlagged' },
      categories: Array.isArray(body.categories) ? body.categories.map(String) : [],
      attachments: [],
    };
    return stored;
  };

  const createMessage = async (call: GraphCall, folderId: string): Promise<GraphReply> => {
    const length = Number(call.req.headers['content-length'] ?? (await call.req.body()).length);
    if (length > MAX_REQUEST_BYTES) throw new GraphError(413, 'ErrorRequestEntityTooLarge', 'The request is larger than the 4 MB Graph takes; send large attachments through an upload session.');
    const type = call.req.headers['content-type'] ?? '';
    const made = /^text\/plain\b/i.test(type) ? await createFromMime(call, folderId) : await createFromJson(call, folderId);
    mailbox.messages.set(made.id, made);
    return ok({ '@odata.context': `${call.serviceRoot}/$metadata#users('${ALICE.id}')/messages/$entity`, ...presentMessage(made) }, 201);
  };

  const updateMessage = async (call: GraphCall, id: string): Promise<GraphReply> => {
    const m = message(id);
    const body = requireObject(await readJson(call));
    checkKeys(body, MESSAGE_PROPERTIES, 'microsoft.graph.message');
    const allowed: readonly string[] = m.isDraft ? MESSAGE_WRITABLE : MESSAGE_UPDATABLE_SENT;
    for (const key of Object.keys(body)) {
      if (!allowed.includes(key)) throw badRequest('ErrorInvalidPropertyUpdateSentMessage', `Update operation is not allowed for the property '${key}' of a message that is not a draft.`);
    }
    checkEnum('graph.importance', 'importance', body.importance);
    if (body.flag !== undefined) checkEnum('graph.followupFlagStatus', 'flagStatus', (body.flag as { flagStatus?: unknown } | null)?.flagStatus);
    if (body.isRead !== undefined && typeof body.isRead !== 'boolean') throw invalidValue('isRead', body.isRead);
    if (body.categories !== undefined && !(Array.isArray(body.categories) && body.categories.every((c) => typeof c === 'string'))) throw invalidValue('categories', body.categories);
    if (typeof body.isRead === 'boolean') m.isRead = body.isRead;
    if (body.flag) m.flag = { flagStatus: (body.flag as StoredMail['flag']).flagStatus };
    if (body.categories) m.categories = [...(body.categories as string[])];
    if (body.importance) m.importance = body.importance as StoredMail['importance'];
    if (typeof body.subject === 'string') m.subject = body.subject;
    m.lastModifiedDateTime = nowIso();
    return ok({ '@odata.context': `${call.serviceRoot}/$metadata#users('${ALICE.id}')/messages/$entity`, ...presentMessage(m) });
  };

  const mimeValue = (id: string): GraphReply => {
    const m = message(id);
    const bytes = m.mime ?? mimeOfMessage(m);
    return { status: 200, headers: { 'content-type': 'message/rfc822', 'content-length': String(bytes.length) }, body: bytes };
  };

  const addAttachment = async (call: GraphCall, id: string): Promise<GraphReply> => {
    const m = message(id);
    if (Number((await call.req.body()).length) > MAX_REQUEST_BYTES) throw new GraphError(413, 'ErrorRequestEntityTooLarge', 'The request is larger than the 4 MB Graph takes; attach files of 3 MB or more through an upload session.');
    const body = requireObject(await readJson(call));
    if (body['@odata.type'] !== '#microsoft.graph.fileAttachment') throw badRequest('ErrorInvalidParameter', 'The attachment must name its @odata.type (#microsoft.graph.fileAttachment).');
    checkKeys(body, FILE_ATTACHMENT_PROPERTIES, 'microsoft.graph.fileAttachment');
    if (typeof body.name !== 'string' || typeof body.contentBytes !== 'string') throw badRequest('ErrorInvalidParameter', 'A file attachment needs name and contentBytes.');
    const attachment = {
      id: mailbox.newAttachmentId(),
      name: body.name,
      contentType: typeof body.contentType === 'string' ? body.contentType : 'application/octet-stream',
      isInline: body.isInline === true,
      ...(typeof body.contentId === 'string' && { contentId: body.contentId }),
      lastModifiedDateTime: nowIso(),
      bytes: Buffer.from(body.contentBytes, 'base64'),
    };
    m.attachments.push(attachment);
    m.mime = undefined;
    return ok({ '@odata.context': `${call.serviceRoot}/$metadata#users('${ALICE.id}')/messages('${m.id}')/attachments/$entity`, ...presentAttachment(attachment, true) }, 201);
  };

  const createUploadSession = async (call: GraphCall, id: string): Promise<GraphReply> => {
    const m = message(id);
    const item = attachmentItemOf(await readJson(call));
    if (item.attachmentType !== 'file') throw badRequest('ErrorInvalidParameter', "Only attachmentType 'file' can be uploaded in a session here.");
    if (item.size < MIN_SESSION_BYTES) {
      throw badRequest('ErrorAttachmentSizeShouldNotBeLessThanMinimumSize', `Attachment size must be greater than the minimum size (${MIN_SESSION_BYTES} bytes); attach smaller files in one request.`);
    }
    if (item.size > MAX_ATTACHMENT_BYTES) throw badRequest('ErrorAttachmentSizeExceeded', `The attachment exceeds the maximum size of ${MAX_ATTACHMENT_BYTES} bytes.`);
    const session = { id: randomBytes(16).toString('hex'), messageId: m.id, token: randomBytes(24).toString('base64url'), ...item, chunks: [], received: 0, expires: now() + 6 * 3600_000 };
    mailbox.sessions.set(session.id, session);
    const uploadUrl = `${ctx.hostUrl(UPLOAD_HOST)}/api/v2.0/Users('${ALICE.id}@${TENANT_ID}')/Messages('${encodeURIComponent(m.id)}')/AttachmentSessions('${session.id}')?authtoken=${session.token}`;
    return ok({ '@odata.context': `${call.serviceRoot}/$metadata#microsoft.graph.uploadSession`, uploadUrl, expirationDateTime: new Date(session.expires).toISOString(), nextExpectedRanges: ['0-'] }, 201);
  };

  const listAttachments = (id: string): GraphReply => ok({ value: message(id).attachments.map((a) => presentAttachment(a, false)) });

  const messageRoute = (method: string, id: string, rest: string[]): Route => {
    const [action, ...more] = rest;
    if (action === undefined) {
      return pick(method, {
        GET: (c) => ok({ '@odata.context': `${c.serviceRoot}/$metadata#users('${ALICE.id}')/messages/$entity`, ...applySelect(presentMessage(message(id)), parseQueryOptions(c.query, MESSAGE_RULES).select) }),
        PATCH: (c) => updateMessage(c, id),
        DELETE: () => {
          message(id);
          mailbox.messages.delete(id);
          return noContent();
        },
      });
    }
    if (action === '$value' && more.length === 0) return pick(method, { GET: () => mimeValue(id) }, { read: READ_MAIL_CONTENT, write: WRITE_MAIL });
    if (action === 'attachments' && more.length === 0) return pick(method, { GET: () => listAttachments(id), POST: (c) => addAttachment(c, id) }, { read: READ_MAIL_CONTENT, write: WRITE_MAIL });
    if (action === 'attachments' && more.length === 1 && more[0] === 'createUploadSession') return pick(method, { POST: (c) => createUploadSession(c, id) });
    throw noSegment(action);
  };

  /** The route for a path below /me, or undefined when it is not mail's. */
  const route = (method: string, segments: string[]): Route | undefined => {
    const [head, ...rest] = segments;
    if (head === 'messages') {
      const [id, ...after] = rest;
      if (id === undefined) return pick(method, { GET: (c) => listMessages(c, undefined), POST: (c) => createMessage(c, folder('drafts').id) });
      return messageRoute(method, id, after);
    }
    if (head !== 'mailFolders') return undefined;
    const [id, sub, ...after] = rest;
    if (id === undefined) return pick(method, { GET: (c) => listFolders(c, mailbox.rootId), POST: (c) => createFolder(c, mailbox.rootId) });
    if (sub === undefined) {
      return pick(method, { GET: (c) => ok({ '@odata.context': `${c.serviceRoot}/$metadata#users('${ALICE.id}')/mailFolders/$entity`, ...applySelect(presentFolder(mailbox, folder(id)), parseQueryOptions(c.query, FOLDER_RULES).select) }) });
    }
    if (sub === 'childFolders' && after.length === 0) return pick(method, { GET: (c) => listFolders(c, folder(id).id), POST: (c) => createFolder(c, folder(id).id) });
    if (sub === 'messages') {
      const [messageId, ...more] = after;
      if (messageId === undefined) return pick(method, { GET: (c) => listMessages(c, folder(id).id), POST: (c) => createMessage(c, folder(id).id) });
      return messageRoute(method, messageId, more);
    }
    throw noSegment(sub);
  };

  return { route };
};
