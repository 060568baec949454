/**
 * Outlook contacts in Graph v1.0 (https://learn.microsoft.com/graph/api/resources/contact): contacts of the
 * default folder at /me/contacts, contact folders at /me/contactFolders with their contacts, and each
 * contact's photo at …/photo (metadata) and …/photo/$value (bytes, PUT to set it).
 */
import { ALICE } from '../account';
import { noContent, ok, readJson, type GraphCall, type GraphReply } from '../graph/call';
import { badRequest, GraphError, notFound } from '../graph/errors';
import { evaluateFilter } from '../graph/filter';
import { applySelect, parseQueryOptions, type QueryOptions, type QueryRules } from '../graph/odata';
import { pageOf } from '../graph/paging';
import type { Route } from '../graph/routes';
import { CONTACT_PROPERTIES, CONTACT_TYPES } from './schema';
import type { ContactStore, ExtendedProperty, StoredContact, StoredFolder } from './store';

export const READ_CONTACTS = ['Contacts.Read', 'Contacts.ReadWrite'] as const;
export const WRITE_CONTACTS = ['Contacts.ReadWrite'] as const;
/** profilePhoto update: "The size of the photo you can update … is limited to 4 MB." */
const MAX_PHOTO_BYTES = 4 * 1024 * 1024;
const EXTENDED_ID = /^(String|SystemTime|Integer|Boolean|Double|Binary|Long|Short|Currency|Float)\s+(\{[0-9a-f-]{36}\}\s+(Name\s+\S+|Id\s+0x[0-9a-f]{1,4})|0x[0-9a-f]{1,4})$/i;

const CONTACT = CONTACT_TYPES['graph.contact']!.properties;
const ADDRESS = CONTACT_TYPES['graph.physicalAddress']!.properties;

const rules = (typeName: string, selectable: readonly string[]): QueryRules => ({
  typeName,
  defaultTop: 10,
  maxTop: 1000,
  selectable,
  filterable: [...selectable, 'singleValueExtendedProperties', 'singleValueExtendedProperties/id', 'singleValueExtendedProperties/value', 'emailAddresses/address'],
  sortable: ['displayName', 'givenName', 'surname', 'createdDateTime', 'lastModifiedDateTime'],
  expandable: ['singleValueExtendedProperties'],
});
const CONTACT_RULES = rules('microsoft.graph.contact', CONTACT_PROPERTIES);
const FOLDER_RULES = rules('microsoft.graph.contactFolder', ['id', 'displayName', 'parentFolderId']);

const invalidProperty = (name: string) =>
  badRequest('RequestBodyRead', `The property '${name}' does not exist on type 'Microsoft.OutlookServices.Contact'. Make sure to only use property names that are defined by the type or mark the type as open type.`);
const invalidValue = (name: string, expected: string) => badRequest('RequestBodyRead', `Cannot convert the literal value of '${name}' to the expected type '${expected}'.`);

function checkString(name: string, v: unknown): void {
  if (v !== null && typeof v !== 'string') throw invalidValue(name, 'Edm.String');
}

function checkAddress(name: string, v: unknown): void {
  if (v === null) return;
  if (typeof v !== 'object' || Array.isArray(v)) throw invalidValue(name, 'microsoft.graph.physicalAddress');
  for (const [key, value] of Object.entries(v as Record<string, unknown>)) {
    if (!ADDRESS[key]) throw badRequest('RequestBodyRead', `The property '${key}' does not exist on type 'Microsoft.OutlookServices.PhysicalAddress'.`);
    checkString(`${name}.${key}`, value);
  }
}

function readExtended(v: unknown): ExtendedProperty[] {
  if (!Array.isArray(v)) throw invalidValue('singleValueExtendedProperties', 'Collection(microsoft.graph.singleValueLegacyExtendedProperty)');
  return v.map((p: unknown) => {
    const { id, value, ...rest } = (p ?? {}) as Record<string, unknown>;
    if (Object.keys(rest).length || typeof id !== 'string' || typeof value !== 'string') throw badRequest('RequestBodyRead', 'A singleValueExtendedProperty needs a string id and a string value.');
    if (!EXTENDED_ID.test(id)) throw badRequest('ErrorInvalidExtendedPropertyValue', `The extended property id '${id}' is not valid.`);
    if (/^SystemTime/i.test(id) && Number.isNaN(Date.parse(value))) throw badRequest('ErrorInvalidExtendedPropertyValue', `The value '${value}' is not a valid SystemTime.`);
    return { id, value };
  });
}

/** A contact body checked as Graph checks it; read-only properties are ignored, as Outlook ignores them. */
export function readContactInput(body: unknown): { props: Record<string, unknown>; extended?: ExtendedProperty[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('BadRequest', 'Empty Payload. JSON content expected.');
  const props: Record<string, unknown> = {};
  let extended: ExtendedProperty[] | undefined;
  for (const [name, v] of Object.entries(body as Record<string, unknown>)) {
    if (name.startsWith('@odata.')) continue;
    const spec = CONTACT[name];
    if (!spec) throw invalidProperty(name);
    if (name === 'singleValueExtendedProperties') {
      extended = readExtended(v);
      continue;
    }
    if (spec.navigation) throw badRequest('BadRequest', `The navigation property '${name}' cannot be set in a contact's body.`);
    if (spec.readOnly) continue;
    if (spec.type === 'graph.physicalAddress') checkAddress(name, v);
    else if (spec.type === 'graph.emailAddress' && spec.collection) {
      if (!Array.isArray(v)) throw invalidValue(name, 'Collection(microsoft.graph.emailAddress)');
      for (const e of v) {
        if (typeof e !== 'object' || e === null) throw invalidValue(name, 'microsoft.graph.emailAddress');
        for (const [key, value] of Object.entries(e as Record<string, unknown>)) {
          if (key !== 'address' && key !== 'name') throw badRequest('RequestBodyRead', `The property '${key}' does not exist on type 'Microsoft.OutlookServices.EmailAddress'.`);
          checkString(`${name}.${key}`, value);
        }
      }
    } else if (spec.type === 'graph.emailAddress') checkAddress(name, v);
    else if (spec.collection) {
      if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw invalidValue(name, 'Collection(Edm.String)');
    } else if (spec.type === 'Edm.DateTimeOffset') {
      if (v !== null && (typeof v !== 'string' || !/T.*(Z|[+-]\d{2}:\d{2})$/.test(v) || Number.isNaN(Date.parse(v)))) throw invalidValue(name, 'Edm.DateTimeOffset');
    } else checkString(name, v);
    props[name] = v;
  }
  return extended ? { props, extended } : { props };
}

const EMPTY_ADDRESS = {};

/** A contact as Graph answers it: every property, null or empty where unset. */
function presentContact(c: StoredContact): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.etag': `W/"${c.changeKey}"` };
  for (const [name, spec] of Object.entries(CONTACT)) {
    if (spec.navigation) continue;
    const v = c.props[name];
    if (spec.type === 'graph.physicalAddress') out[name] = v ?? EMPTY_ADDRESS;
    else out[name] = v ?? (spec.collection ? [] : null);
  }
  return { ...out, id: c.id, parentFolderId: c.folderId, changeKey: c.changeKey, createdDateTime: c.createdDateTime, lastModifiedDateTime: c.lastModifiedDateTime };
}

function withExpand(c: StoredContact, options: Pick<QueryOptions, 'select' | 'expand'>): Record<string, unknown> {
  const selected = applySelect(presentContact(c), options.select);
  for (const expand of options.expand) {
    const matching = c.extendedProperties.filter((p) => !expand.filter || evaluateFilter(expand.filter, p));
    if (matching.length) selected.singleValueExtendedProperties = matching.map((p) => ({ id: p.id, value: p.value }));
  }
  return selected;
}

const presentFolder = (f: StoredFolder, defaultId: string) => ({ id: f.id, displayName: f.displayName, parentFolderId: defaultId });

function imageType(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === '\x89PNG') return 'image/png';
  if (bytes.subarray(0, 3).toString('latin1') === 'GIF') return 'image/gif';
  return undefined;
}

export function contactsApi(store: ContactStore, now: () => number) {
  const stamp = () => new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const context = (call: GraphCall, path: string) => `${call.serviceRoot}/$metadata#users('${ALICE.id}')/${path}`;

  const folder = (id: string): StoredFolder => {
    const found = store.folders.get(id);
    if (!found) throw notFound();
    return found;
  };
  const contact = (id: string, folderId?: string): StoredContact => {
    const found = store.contacts.get(id);
    if (!found || (folderId !== undefined && found.folderId !== folderId)) throw notFound();
    return found;
  };

  const list = (call: GraphCall, folderId: string): GraphReply => {
    const options = parseQueryOptions(call.query, CONTACT_RULES);
    let items = store.inFolder(folderId);
    if (options.filter) items = items.filter((c) => evaluateFilter(options.filter!, { ...presentContact(c), singleValueExtendedProperties: c.extendedProperties }));
    return ok(pageOf(call, items, options, 'contacts', (c) => withExpand(c, options), 'skip'));
  };

  const create = async (call: GraphCall, folderId: string): Promise<GraphReply> => {
    const input = readContactInput(await readJson(call));
    const made = store.create(folderId, input.props, input.extended ?? [], stamp());
    return ok({ '@odata.context': context(call, 'contacts/$entity'), ...presentContact(made) }, 201);
  };

  const get = (call: GraphCall, c: StoredContact): GraphReply => {
    const options = parseQueryOptions(call.query, CONTACT_RULES);
    return ok({ '@odata.context': context(call, 'contacts/$entity'), ...withExpand(c, options) });
  };

  const update = async (call: GraphCall, c: StoredContact): Promise<GraphReply> => {
    const input = readContactInput(await readJson(call));
    Object.assign(c.props, input.props);
    for (const p of input.extended ?? []) {
      const i = c.extendedProperties.findIndex((e) => e.id.toLowerCase() === p.id.toLowerCase());
      if (i >= 0) c.extendedProperties[i] = p;
      else c.extendedProperties.push(p);
    }
    c.lastModifiedDateTime = stamp();
    return ok({ '@odata.context': context(call, 'contacts/$entity'), ...presentContact(c) });
  };

  const photo = (c: StoredContact, value: boolean, method: string) => async (call: GraphCall): Promise<GraphReply> => {
    if (method === 'PUT') {
      if (!value) throw new GraphError(405, 'BadRequest', 'Specified HTTP method is not allowed for the request uri.');
      const bytes = await call.req.body();
      const type = imageType(bytes);
      if (!/^image\//i.test(call.req.headers['content-type'] ?? '') || !type) throw badRequest('ErrorInvalidImage', 'The photo is not a valid image: send the image bytes with an image content type.');
      if (bytes.length > MAX_PHOTO_BYTES) throw new GraphError(413, 'ErrorRequestEntityTooLarge', 'The photo is larger than 4 MB.');
      c.photo = { bytes, contentType: type };
      c.lastModifiedDateTime = stamp();
      return { status: 200 };
    }
    if (!c.photo) throw new GraphError(404, 'ErrorItemNotFound', 'The photo wasn\u2019t found.');
    if (value) return { status: 200, headers: { 'content-type': c.photo.contentType, 'content-length': String(c.photo.bytes.length) }, body: c.photo.bytes };
    return ok({ '@odata.context': context(call, `contacts('${c.id}')/photo/$entity`), '@odata.mediaContentType': c.photo.contentType, id: '1X1', height: 1, width: 1 });
  };

  const pick = (method: string, handlers: Partial<Record<string, (call: GraphCall) => GraphReply | Promise<GraphReply>>>): Route => {
    const run = handlers[method];
    if (!run) throw new GraphError(405, 'BadRequest', 'Specified HTTP method is not allowed for the request uri.');
    return { scopes: method === 'GET' ? READ_CONTACTS : WRITE_CONTACTS, run };
  };

  /** Routes below a contacts collection: `[]`, `[id]`, `[id, 'photo']`, `[id, 'photo', '$value']`. */
  const contactsRoute = (method: string, folderId: () => string, rest: string[], itemFolder: () => string | undefined = folderId): Route => {
    const [id, photoSegment, value, ...more] = rest;
    if (id === undefined) return pick(method, { GET: (c) => list(c, folderId()), POST: (c) => create(c, folderId()) });
    if (photoSegment === undefined) {
      return pick(method, {
        GET: (c) => get(c, contact(id, itemFolder())),
        PATCH: (c) => update(c, contact(id, itemFolder())),
        DELETE: () => (store.contacts.delete(contact(id, itemFolder()).id), noContent()),
      });
    }
    if (photoSegment !== 'photo' || more.length || (value !== undefined && value !== '$value')) throw badRequest('BadRequest', `Resource not found for the segment '${photoSegment}'.`);
    const run = (call: GraphCall) => photo(contact(id, itemFolder()), value === '$value', method)(call);
    return pick(method, value === '$value' ? { GET: run, PUT: run } : { GET: run });
  };

  const foldersRoute = (method: string, rest: string[]): Route => {
    const [id, tail, ...more] = rest;
    if (id === undefined) {
      return pick(method, {
        GET: (call) => {
          const options = parseQueryOptions(call.query, FOLDER_RULES);
          const folders = [...store.folders.values()].filter((f) => !f.isDefault);
          return ok(pageOf(call, folders, options, 'contactFolders', (f) => applySelect(presentFolder(f, store.defaultFolderId), options.select), 'skip'));
        },
        POST: async (call) => {
          const body = (await readJson(call)) as Record<string, unknown>;
          const unknown = Object.keys(body).find((k) => !['displayName', 'parentFolderId'].includes(k) && !k.startsWith('@odata.'));
          if (unknown) throw badRequest('RequestBodyRead', `The property '${unknown}' does not exist on type 'Microsoft.OutlookServices.ContactFolder'.`);
          if (typeof body.displayName !== 'string' || body.displayName.trim() === '') throw badRequest('ErrorInvalidRequest', 'The folder needs a displayName.');
          if (store.folderNamed(body.displayName)) throw new GraphError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
          const made = store.createFolder(body.displayName);
          return ok({ '@odata.context': context(call, 'contactFolders/$entity'), ...presentFolder(made, store.defaultFolderId) }, 201);
        },
      });
    }
    if (tail === undefined) {
      return pick(method, {
        GET: (call) => ok({ '@odata.context': context(call, 'contactFolders/$entity'), ...presentFolder(folder(id), store.defaultFolderId) }),
        DELETE: () => {
          const gone = folder(id);
          if (gone.isDefault) throw new GraphError(403, 'ErrorDeleteDistinguishedFolder', 'Distinguished folders cannot be deleted.');
          store.folders.delete(gone.id);
          for (const c of store.inFolder(gone.id)) store.contacts.delete(c.id);
          return noContent();
        },
      });
    }
    if (tail !== 'contacts') throw badRequest('BadRequest', `Resource not found for the segment '${tail}'.`);
    return contactsRoute(method, () => folder(id).id, more);
  };

  /** The route for a path below /me, or undefined when it is not a contacts path. */
  return (method: string, segments: string[]): Route | undefined => {
    const [head, ...rest] = segments;
    // An item id names the contact in whichever folder it is: /me/contacts/{id} reaches them all.
    if (head === 'contacts') return contactsRoute(method, () => store.defaultFolderId, rest, () => undefined);
    if (head === 'contactFolders') return foldersRoute(method, rest);
    return undefined;
  };
}

