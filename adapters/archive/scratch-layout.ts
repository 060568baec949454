/**
 * How the archive's importers stage a job in its scratch folder, so `writeArchive` can assemble the zip at the end:
 * - `staged/<dataType>/containers/<hash of key>.json`: a container's metadata and the sequence it arrived in;
 * - `staged/<dataType>/items/<hash of key>/item.json`: an item's model data, its container and sequence;
 * - `staged/<dataType>/items/<hash of key>/content`: its bytes (raw MIME, a photo, a file, a contact photo).
 * An item is there once its `item.json` is: the content is written first, and a scratch file is only there once
 * written whole, so an item cut short by a killed worker is simply staged again.
 */
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import type { Container, DataType, ItemData, ScratchFiles } from '../../model/adapter';

export const STAGED_ROOT = 'staged';
const ITEM_FILE = 'item.json';
const CONTENT_FILE = 'content';

export interface StagedContainer {
  key: string;
  /** This container's id, the name of its file. */
  id: string;
  name: string;
  description?: string;
  color?: string;
  timeZone?: string;
  isDefault?: boolean;
  sequence: number;
}

export interface StagedItem<T extends ItemData = ItemData> {
  key: string;
  title: string;
  containerId: string;
  parentId?: string;
  /** Position in the order items arrived in (export order), across the data type. */
  sequence: number;
  /** Whether `content` holds the item's bytes. */
  hasContent: boolean;
  data: T;
}

/** A short, stable, file-name-safe name for a source key. */
export const keyHash = (key: string): string => bytesToHex(sha256(new TextEncoder().encode(key))).slice(0, 32);

export const containerFile = (dataType: DataType, id: string): string => `${STAGED_ROOT}/${dataType}/containers/${id}.json`;
export const itemFolder = (dataType: DataType, key: string): string => `${STAGED_ROOT}/${dataType}/items/${keyHash(key)}`;
export const itemFile = (folder: string): string => `${folder}/${ITEM_FILE}`;
export const contentFile = (folder: string): string => `${folder}/${CONTENT_FILE}`;

export async function readJson<T>(scratch: ScratchFiles, path: string): Promise<T | undefined> {
  const blob = await scratch.read(path);
  return blob ? (JSON.parse(await blob.text()) as T) : undefined;
}

/** Every container staged for a data type, in the order they arrived. */
export async function stagedContainers(scratch: ScratchFiles, dataType: DataType): Promise<StagedContainer[]> {
  const paths = await scratch.list(`${STAGED_ROOT}/${dataType}/containers/`);
  const found = await Promise.all(paths.map((path) => readJson<StagedContainer>(scratch, path)));
  return found.filter((c): c is StagedContainer => c !== undefined).sort((a, b) => a.sequence - b.sequence);
}

/** Every item staged for a data type with the folder it lives in, in the order they arrived. */
export async function stagedItems<T extends ItemData>(scratch: ScratchFiles, dataType: DataType): Promise<{ folder: string; item: StagedItem<T> }[]> {
  const paths = (await scratch.list(`${STAGED_ROOT}/${dataType}/items/`)).filter((path) => path.endsWith(`/${ITEM_FILE}`));
  const found: { folder: string; item: StagedItem<T> }[] = [];
  // One file at a time: a job may stage hundreds of thousands of items and the browser's file handles are not free.
  for (const path of paths) {
    const item = await readJson<StagedItem<T>>(scratch, path);
    if (item) found.push({ folder: path.slice(0, -ITEM_FILE.length - 1), item });
  }
  return found.sort((a, b) => a.item.sequence - b.item.sequence);
}

/** The metadata `ensureContainer` stages for a container. */
export function stagedContainerOf(container: Container, id: string, sequence: number): StagedContainer {
  return {
    key: container.key,
    id,
    name: container.name,
    ...(container.description !== undefined && { description: container.description }),
    ...(container.color !== undefined && { color: container.color }),
    ...(container.timeZone !== undefined && { timeZone: container.timeZone }),
    ...(container.isDefault !== undefined && { isDefault: container.isDefault }),
    sequence,
  };
}
