/**
 * OneDrive below `/v1.0/me/drive`, as far as photos need it: items by id, by path (`root:/a/b:`,
 * `items/{id}:/name:`) and the Photos special folder (`special/photos`), their children (paged, `$orderby`,
 * `$select`), `/content` (302 to a pre-authenticated link), folder creation and createUploadSession
 * (https://learn.microsoft.com/graph/api/resources/onedrive).
 */
import { randomBytes } from 'node:crypto';
import type { SandboxContext } from '../../core/types';
import type { GraphCall, GraphReply } from '../graph/call';
import { readJson } from '../graph/call';
import { GraphError } from '../graph/errors';
import { applySelect, parseQueryOptions, sortItems, type QueryRules } from '../graph/odata';
import { pageOf } from '../graph/paging';
import type { Route } from '../graph/routes';
import { ALICE } from '../account';
import { PERSONAL_SITE, STORAGE_HOST, downloadUrl, driveItemJson } from './drive-json';
import { CONFLICT_ANNOTATION, CONFLICT_BEHAVIORS, DRIVE_ITEM_PROPERTIES, FILE_SYSTEM_INFO_PROPERTIES, UPLOADABLE_PROPERTIES, type ConflictBehavior } from './schema';
import { DriveHasher, hashesOf } from '../files/content-hashes';
import { mimeTypeOf } from './storage-host';
import { isFileNode, type DriveNode, type DriveStore, type UploadSession } from './store';

export const READ_FILES = ['Files.Read', 'Files.ReadWrite', 'Files.Read.All', 'Files.ReadWrite.All'] as const;
export const WRITE_FILES = ['Files.ReadWrite', 'Files.ReadWrite.All'] as const;
export const UPLOAD_SESSION_LIFETIME_MS = 24 * 60 * 60_000;
const SIMPLE_UPLOAD_LIMIT = 250 * 1000 * 1000;

const RULES: QueryRules = {
  typeName: 'microsoft.graph.driveItem',
  defaultTop: 200,
  maxTop: 1000,
  selectable: [...Object.keys(DRIVE_ITEM_PROPERTIES), '@microsoft.graph.downloadUrl'],
  filterable: [],
  sortable: ['name', 'lastModifiedDateTime', 'size', 'createdDateTime'],
  expandable: [],
};

export interface DriveDeps {
  ctx: SandboxContext;
  store: DriveStore;
  now: () => number;
}

export const itemNotFound = (): GraphError => new GraphError(404, 'itemNotFound', 'The resource could not be found.');
const invalidRequest = (message: string): GraphError => new GraphError(400, 'invalidRequest', message);
const nameAlreadyExists = (): GraphError => new GraphError(409, 'nameAlreadyExists', 'The specified item name already exists.');
const methodNotAllowed = (): GraphError => new GraphError(405, 'BadRequest', 'Specified HTTP method is not allowed for the request uri.');

/** Characters OneDrive refuses in a name (https://support.microsoft.com/office/64883a5d-228e-48f5-b3d2-eb39e07630fa). */
const INVALID_NAME = /["*:<>?/\\|]/;

export function checkName(name: string): void {
  if (!name.trim() || INVALID_NAME.test(name) || name !== name.trim() || name.length > 400) {
    throw invalidRequest(`The provided name '${name}' is not valid: names cannot hold " * : < > ? / \\ | or begin or end with a space.`);
  }
}

interface Address {
  node: DriveNode | undefined;
  /** The parent and last name of a path address, for creating what is not there yet. */
  parent?: DriveNode;
  name?: string;
}

interface ParsedAddress {
  base: string;
  path?: string;
  tail: string;
}

/** `root`, `items/{id}`, `special/{name}`, each optionally followed by `:/path:` and an action. */
function parseAddress(segments: string[]): ParsedAddress | undefined {
  const m = /^(root|items\/[^/:]+|special\/[^/:]+)(?::(\/[^:]*)?:?)?(\/.*)?$/.exec(segments.join('/'));
  if (!m) return undefined;
  return { base: m[1]!, ...(m[2] && { path: m[2] }), tail: m[3] ?? '' };
}

/** What an address names; looked up only once the caller is authorised. */
function resolveAddress(store: DriveStore, { base, path }: ParsedAddress): Address {
  let start: DriveNode | undefined;
  if (base === 'root') start = store.nodes.get(store.rootId);
  else if (base.startsWith('items/')) start = store.nodes.get(base.slice('items/'.length));
  else if (base === 'special/photos') start = store.nodes.get(store.photosId);
  else throw invalidRequest(`Special folder '${base.slice('special/'.length)}' is not served by the Ferry sandbox.`);
  if (!start) throw itemNotFound();
  if (!path) return { node: start };
  const parts = path.split('/').filter(Boolean);
  const parent = store.resolve(start.id, parts.slice(0, -1).join('/'));
  const name = parts.at(-1);
  return { node: parent && name ? store.child(parent.id, name) : undefined, ...(parent && { parent }), ...(name && { name }) };
}

const entity = (call: GraphCall, json: Record<string, unknown>): Record<string, unknown> => ({
  '@odata.context': `${call.serviceRoot}/$metadata#users('${ALICE.id}')/drive/items/$entity`,
  ...json,
});

function conflictBehaviorOf(value: unknown): ConflictBehavior {
  if (value === undefined) return 'fail';
  if (typeof value !== 'string' || !(CONFLICT_BEHAVIORS as readonly string[]).includes(value)) {
    throw invalidRequest(`Invalid value '${String(value)}' for ${CONFLICT_ANNOTATION}.`);
  }
  return value as ConflictBehavior;
}

function checkDateTimes(value: unknown): { createdDateTime?: string; lastModifiedDateTime?: string } {
  if (typeof value !== 'object' || value === null) throw invalidRequest('fileSystemInfo must be an object.');
  for (const [key, v] of Object.entries(value)) {
    if (!(key in FILE_SYSTEM_INFO_PROPERTIES)) throw invalidRequest(`Property '${key}' does not exist on type 'microsoft.graph.fileSystemInfo'.`);
    if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw invalidRequest(`Cannot convert the literal '${String(v)}' to the expected type 'Edm.DateTimeOffset'.`);
  }
  return value as { createdDateTime?: string; lastModifiedDateTime?: string };
}

export function createDriveApi(deps: DriveDeps) {
  const { store } = deps;
  const json = (node: DriveNode) => driveItemJson(deps.ctx, store, node, deps.now());

  const get = (call: GraphCall, node: DriveNode): GraphReply => {
    const options = parseQueryOptions(call.query, RULES);
    return { status: 200, body: entity(call, applySelect(json(node), options.select)) };
  };

  const children = (call: GraphCall, node: DriveNode): GraphReply => {
    if (!node.folder) throw invalidRequest('The item is not a folder.');
    const options = parseQueryOptions(call.query, RULES);
    const items = sortItems(store.children(node.id), options.orderby, json);
    return { status: 200, body: pageOf(call, items, options, `users('${ALICE.id}')/drive/items('${node.id}')/children`, (n) => applySelect(json(n), options.select), 'skiptoken') };
  };

  const content = (node: DriveNode): GraphReply => {
    if (!isFileNode(node)) throw itemNotFound();
    return { status: 302, headers: { location: downloadUrl(deps.ctx, store, node, deps.now()) } };
  };

  /** A node named `name` in `parent`, or the name to use under the conflict behaviour ('fail' refuses). */
  const placeFor = (parent: DriveNode, name: string, behavior: ConflictBehavior): { name: string; replace?: DriveNode } => {
    const existing = store.child(parent.id, name);
    if (!existing) return { name };
    if (behavior === 'fail') throw nameAlreadyExists();
    if (behavior === 'replace') return { name, replace: existing };
    const dot = name.lastIndexOf('.');
    for (let n = 1; ; n++) {
      const candidate = dot > 0 ? `${name.slice(0, dot)} ${n}${name.slice(dot)}` : `${name} ${n}`;
      if (!store.child(parent.id, candidate)) return { name: candidate };
    }
  };

  const createFolder = async (call: GraphCall, parent: DriveNode): Promise<GraphReply> => {
    if (!parent.folder) throw invalidRequest('The parent item is not a folder.');
    const body = (await readJson(call)) as Record<string, unknown>;
    for (const key of Object.keys(body)) {
      if (!['name', 'folder', CONFLICT_ANNOTATION, 'description', 'fileSystemInfo'].includes(key)) {
        throw invalidRequest(`Property '${key}' does not exist on type 'microsoft.graph.driveItem'.`);
      }
    }
    if (typeof body.name !== 'string') throw invalidRequest('A name is required.');
    if (typeof body.folder !== 'object' || body.folder === null) throw invalidRequest('Only folders can be created here; upload files with createUploadSession.');
    checkName(body.name);
    const place = placeFor(parent, body.name, conflictBehaviorOf(body[CONFLICT_ANNOTATION]));
    if (place.replace) store.nodes.delete(place.replace.id);
    const times = body.fileSystemInfo === undefined ? undefined : checkDateTimes(body.fileSystemInfo);
    const node = store.add({ name: place.name, folder: true, parentId: parent.id, ...(typeof body.description === 'string' && { description: body.description }) });
    if (times) node.fileSystemInfo = { createdDateTime: times.createdDateTime ?? node.fileSystemInfo.createdDateTime, lastModifiedDateTime: times.lastModifiedDateTime ?? times.createdDateTime ?? node.fileSystemInfo.lastModifiedDateTime };
    return { status: 201, body: entity(call, json(node)) };
  };

  const createUploadSession = async (call: GraphCall, where: Address): Promise<GraphReply> => {
    const parent = where.node?.parentId && where.node ? store.nodes.get(where.node.parentId) : where.parent;
    const name = where.node?.name ?? where.name;
    if (!parent || !name) throw itemNotFound();
    const raw = (await call.req.body()).toString('utf8').trim();
    const body = raw ? ((await readJson(call)) as Record<string, unknown>) : {};
    for (const key of Object.keys(body)) if (!['item', 'deferCommit'].includes(key)) throw invalidRequest(`Property '${key}' does not exist on type 'microsoft.graph.driveItemUploadableProperties'.`);
    const item = (body.item ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(item)) {
      if (key !== CONFLICT_ANNOTATION && !(key in UPLOADABLE_PROPERTIES)) {
        throw invalidRequest(`Property '${key}' does not exist on type 'microsoft.graph.driveItemUploadableProperties'.`);
      }
    }
    if (item.name !== undefined && item.name !== name) throw invalidRequest('The name in the body must match the name in the path.');
    checkName(name);
    const conflictBehavior = conflictBehaviorOf(item[CONFLICT_ANNOTATION]);
    if (conflictBehavior === 'fail' && store.child(parent.id, name)) throw nameAlreadyExists();
    if (item.fileSize !== undefined && (!Number.isInteger(item.fileSize) || (item.fileSize as number) < 0)) throw invalidRequest('fileSize must be a whole number of bytes.');
    if (item.description !== undefined && typeof item.description !== 'string') throw invalidRequest('description must be a string.');
    const session: UploadSession = {
      id: randomBytes(24).toString('base64url'),
      parentId: parent.id,
      name,
      conflictBehavior,
      hasher: new DriveHasher(),
      fragments: [],
      received: 0,
      bytesReceived: 0,
      bytesCutOff: 0,
      expiresAt: deps.now() + UPLOAD_SESSION_LIFETIME_MS,
      ...(typeof item.description === 'string' && { description: item.description }),
      ...(item.fileSystemInfo !== undefined && { fileSystemInfo: checkDateTimes(item.fileSystemInfo) }),
      ...(typeof item.fileSize === 'number' && { declaredSize: item.fileSize }),
    };
    store.uploads.set(session.id, session);
    store.uploadHistory.push(session);
    return {
      status: 200,
      body: {
        '@odata.context': `${call.serviceRoot}/$metadata#microsoft.graph.uploadSession`,
        uploadUrl: `${deps.ctx.hostUrl(STORAGE_HOST)}${PERSONAL_SITE}/_api/v2.0/drive/items/${parent.id}/uploadSession?guid='${session.id}'&overwrite=${conflictBehavior === 'replace'}&rename=${conflictBehavior === 'rename'}&dc=0`,
        expirationDateTime: new Date(session.expiresAt).toISOString(),
        nextExpectedRanges: ['0-'],
      },
    };
  };

  /**
   * `PUT …/{parent-id}:/{name}:/content`: a simple upload (up to 250 MB, https://learn.microsoft.com/graph/api/driveitem-put-content),
   * with the conflict behaviour as a query parameter; the file's times are then the upload's own.
   */
  const simpleUpload = async (call: GraphCall, where: Address): Promise<GraphReply> => {
    const parent = where.node?.parentId ? store.nodes.get(where.node.parentId) : where.parent;
    const name = where.node?.name ?? where.name;
    if (!parent?.folder || !name) throw itemNotFound();
    checkName(name);
    const bytes = await call.req.body();
    if (bytes.length > SIMPLE_UPLOAD_LIMIT) throw new GraphError(413, 'invalidRequest', 'A simple upload takes at most 250 MB; use an upload session.');
    const place = placeFor(parent, name, conflictBehaviorOf(call.query.get(CONFLICT_ANNOTATION) ?? 'replace'));
    if (place.replace) {
      Object.assign(place.replace, { bytes, spill: undefined, hashes: hashesOf(bytes), mimeType: mimeTypeOf(name), version: place.replace.version + 1, lastModifiedDateTime: new Date(deps.now()).toISOString() });
      return { status: 200, body: entity(call, json(place.replace)) };
    }
    return { status: 201, body: entity(call, json(store.add({ name: place.name, parentId: parent.id, bytes, mimeType: mimeTypeOf(name) }))) };
  };

  /** `PATCH items/{id}`: the properties a client may change on an item (name, description, fileSystemInfo). */
  const patch = async (call: GraphCall, node: DriveNode): Promise<GraphReply> => {
    const body = (await readJson(call)) as Record<string, unknown>;
    for (const key of Object.keys(body)) {
      if (!['name', 'description', 'fileSystemInfo'].includes(key)) throw invalidRequest(`Property '${key}' cannot be updated on type 'microsoft.graph.driveItem'.`);
    }
    if (body.name !== undefined) {
      if (typeof body.name !== 'string') throw invalidRequest('name must be a string.');
      checkName(body.name);
      const parent = node.parentId ? store.nodes.get(node.parentId) : undefined;
      const clash = parent && store.child(parent.id, body.name);
      if (clash && clash.id !== node.id) throw nameAlreadyExists();
      node.name = body.name;
    }
    if (body.description !== undefined) {
      if (typeof body.description !== 'string') throw invalidRequest('description must be a string.');
      node.description = body.description;
    }
    if (body.fileSystemInfo !== undefined) {
      const times = checkDateTimes(body.fileSystemInfo);
      node.fileSystemInfo = { ...node.fileSystemInfo, ...times };
    }
    node.version += 1;
    node.lastModifiedDateTime = new Date(deps.now()).toISOString();
    return { status: 200, body: entity(call, json(node)) };
  };

  /** The route for a path below `/me` when it is OneDrive's. */
  const route = (method: string, segments: string[]): Route | undefined => {
    if (segments[0] !== 'drive') return undefined;
    const parsed = parseAddress(segments.slice(1));
    if (!parsed) throw invalidRequest(`Resource not found for the segment '${segments[1] ?? ''}'.`);
    const where = (): Address => resolveAddress(store, parsed);
    const read = (run: (call: GraphCall) => GraphReply | Promise<GraphReply>): Route => ({ scopes: READ_FILES, run });
    const write = (run: (call: GraphCall) => GraphReply | Promise<GraphReply>): Route => ({ scopes: WRITE_FILES, run });
    const found = (): DriveNode => {
      const { node } = where();
      if (!node) throw itemNotFound();
      return node;
    };
    switch (parsed.tail) {
      case '':
        if (method === 'PATCH') return write((call) => patch(call, found()));
        if (method !== 'GET') throw methodNotAllowed();
        return read((call) => get(call, found()));
      case '/children':
        if (method === 'GET') return read((call) => children(call, found()));
        if (method === 'POST') return write((call) => createFolder(call, found()));
        throw methodNotAllowed();
      case '/content':
        if (method === 'PUT') return write((call) => simpleUpload(call, where()));
        if (method !== 'GET') throw methodNotAllowed();
        return read(() => content(found()));
      case '/createUploadSession':
        if (method !== 'POST') throw methodNotAllowed();
        return write((call) => createUploadSession(call, where()));
      default:
        throw invalidRequest(`Resource not found for the segment '${parsed.tail.split('/')[1] ?? ''}'.`);
    }
  };

  return { route };
}
