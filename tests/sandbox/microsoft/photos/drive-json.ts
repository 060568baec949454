/**
 * A driveItem as Graph answers it (microsoft.graph.driveItem in the v1.0 CSDL): facets a file's own bytes
 * decide (image, photo, location, video) are read from those bytes on every answer, as OneDrive extracts
 * them; `@microsoft.graph.downloadUrl` is a fresh pre-authenticated link, good for an hour.
 */
import { randomBytes } from 'node:crypto';
import { exifInstant, jpegDimensions, readExif } from '../../../../model/exif';
import type { SandboxContext } from '../../core/types';
import { ALICE } from '../account';
import { DRIVE_ID, isFileNode, sizeOf, type DriveNode, type DriveStore } from './store';

export const STORAGE_HOST = 'contoso-my.sharepoint.com';
export const PERSONAL_SITE = '/personal/alice_contoso_example';
export const DOWNLOAD_LINK_LIFETIME_MS = 60 * 60_000;

const identity = { user: { displayName: ALICE.displayName, id: ALICE.id, email: ALICE.mail } };

export function downloadUrl(ctx: SandboxContext, store: DriveStore, node: DriveNode, now: number): string {
  const token = randomBytes(24).toString('base64url');
  store.downloads.set(token, { itemId: node.id, expiresAt: now + DOWNLOAD_LINK_LIFETIME_MS });
  return `${ctx.hostUrl(STORAGE_HOST)}${PERSONAL_SITE}/_layouts/15/download.aspx?UniqueId=${node.id}&tempauth=${token}`;
}

function mediaFacets(node: DriveNode): Record<string, unknown> {
  const bytes = node.bytes;
  if (node.mimeType === 'image/jpeg' && bytes) {
    const size = jpegDimensions(bytes);
    const exif = readExif(bytes);
    const taken = exifInstant(exif);
    return {
      ...(size && { image: { width: size.width, height: size.height } }),
      ...(taken && { photo: { takenDateTime: new Date(Date.parse(taken)).toISOString().replace('.000Z', 'Z') } }),
      ...(exif?.location && { location: { latitude: exif.location.lat, longitude: exif.location.lon } }),
    };
  }
  if (node.mimeType?.startsWith('image/')) return { image: {}, photo: {} };
  if (node.mimeType?.startsWith('video/')) return { video: {} };
  return {};
}

export function driveItemJson(ctx: SandboxContext, store: DriveStore, node: DriveNode, now: number): Record<string, unknown> {
  const parent = node.parentId ? store.nodes.get(node.parentId) : undefined;
  const webPath = store.pathOf(node.id).replace('/drive/root:', '/Documents');
  const json: Record<string, unknown> = {
    ...(isFileNode(node) && { '@microsoft.graph.downloadUrl': downloadUrl(ctx, store, node, now) }),
    createdDateTime: node.createdDateTime,
    eTag: `"{${node.id}},${node.version}"`,
    id: node.id,
    lastModifiedDateTime: node.lastModifiedDateTime,
    name: node.name,
    webUrl: `https://${STORAGE_HOST}${PERSONAL_SITE}${encodeURI(webPath)}`,
    cTag: `"c:{${node.id}},${node.version}"`,
    size: isFileNode(node) ? sizeOf(node) : store.descendants(node.id).reduce((sum, n) => sum + sizeOf(n), 0),
    createdBy: identity,
    lastModifiedBy: identity,
    parentReference: {
      driveType: 'business',
      driveId: DRIVE_ID,
      ...(parent && { id: parent.id, name: parent.id === store.rootId ? 'root' : parent.name, path: store.pathOf(parent.id) }),
    },
    fileSystemInfo: { ...node.fileSystemInfo },
    ...(node.description !== undefined && { description: node.description }),
  };
  if (node.folder) json.folder = { childCount: store.children(node.id).length };
  if (node.specialFolder) json.specialFolder = { name: node.specialFolder };
  if (node.id === store.rootId) json.root = {};
  if (isFileNode(node)) Object.assign(json, { file: { mimeType: node.mimeType ?? 'application/octet-stream', ...(node.hashes && { hashes: { ...node.hashes } }) } }, mediaFacets(node));
  return json;
}
