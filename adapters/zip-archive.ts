/**
 * Several zip files read as one folder tree, as Google Takeout splits an export (each part a whole zip of its
 * own; a folder's files, and a photo and its sidecar, may sit in different parts). Only each part's central
 * directory is read here, through Blob slices; no part is loaded whole. Every failure names the file and says
 * what is wrong with it, so nothing half-read goes on unreported.
 */
import { BlobReader, ZipReader, configure, type Entry, type FileEntry } from '@zip.js/zip.js';
import { AdapterError } from '../model/adapter';
import { fileNameOf } from './local-files';

// Service workers cannot start web workers; decompression runs inline (through DecompressionStream where present).
configure({ useWebWorkers: false });

export interface ArchiveEntry {
  /** Path inside the export, `/`-separated, as the zip names it. */
  path: string;
  /** The zip file it is in, by name (for messages). */
  part: string;
  size: number;
  /** CRC-32 of the content, as the zip states it. */
  crc32: number | undefined;
  entry: FileEntry;
}

export interface ArchiveTree {
  /** The chosen files' names, in the order chosen. */
  parts: string[];
  /** Every file of every part by path; a path in two parts is kept from the first. */
  files: ReadonlyMap<string, ArchiveEntry>;
  /**
   * The folders the zips list as entries of their own (path without its trailing `/`), with their modification
   * time: the only trace of an empty folder.
   */
  folders: ReadonlyMap<string, Date>;
}

/** Where a local file header starts: a file that begins so is a zip, whatever else is wrong with it. */
const LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];

async function startsLikeZip(blob: Blob): Promise<boolean> {
  const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
  return LOCAL_HEADER.every((b, i) => head[i] === b);
}

async function unreadable(blob: Blob, name: string, error: unknown): Promise<AdapterError> {
  const detail = error instanceof Error ? error.message : String(error);
  if (blob.size === 0) return new AdapterError(`${name} is empty (0 bytes): download it again and choose the new file.`, 'fatal');
  if (!(await startsLikeZip(blob))) {
    return new AdapterError(`${name} is not a zip file (it does not begin as a zip does), so Ferry cannot read it: choose the .zip file the service sent you.`, 'fatal');
  }
  if (/end of central directory/i.test(detail)) {
    return new AdapterError(`${name} is incomplete: it ends before the zip's table of contents, so it probably did not finish downloading. Download it again and choose the new file.`, 'fatal');
  }
  return new AdapterError(`${name} is damaged: its table of contents cannot be read (${detail}). Download it again and choose the new file.`, 'fatal');
}

async function readPart(blob: Blob): Promise<{ name: string; entries: Entry[] }> {
  const name = fileNameOf(blob);
  try {
    const entries = await new ZipReader(new BlobReader(blob)).getEntries();
    return { name, entries };
  } catch (error) {
    throw await unreadable(blob, name, error);
  }
}

/** `takeout-20250101T120000Z-001.zip` → its series and number; files not named so are parts of no series. */
const PART_NAME = /^(.*)-(\d{3})\.zip$/i;

/**
 * A series of numbered parts must be whole from 001 to its highest number: a gap is a part not chosen (the
 * last part of a series cannot be told missing by its name; what it held is then missing at its sidecars).
 */
function checkSeries(names: readonly string[]): void {
  const series = new Map<string, Set<number>>();
  for (const name of names) {
    const m = PART_NAME.exec(name);
    if (!m) continue;
    const numbers = series.get(m[1]!) ?? new Set<number>();
    numbers.add(Number(m[2]));
    series.set(m[1]!, numbers);
  }
  for (const [stem, numbers] of series) {
    const missing: string[] = [];
    for (let n = 1; n <= Math.max(...numbers); n++) if (!numbers.has(n)) missing.push(`${stem}-${String(n).padStart(3, '0')}.zip`);
    if (missing.length) {
      const list = missing.length === 1 ? `${missing[0]} is` : `${missing.join(', ')} are`;
      throw new AdapterError(`${list} missing: this export came in several zip files and all of them must be chosen together. Choose ${missing.length === 1 ? 'it' : 'them'} too.`, 'fatal');
    }
  }
}

export async function openArchive(sources: readonly Blob[]): Promise<ArchiveTree> {
  const parts: string[] = [];
  const files = new Map<string, ArchiveEntry>();
  const folders = new Map<string, Date>();
  checkSeries(sources.map(fileNameOf));
  for (const blob of sources) {
    const { name, entries } = await readPart(blob);
    parts.push(name);
    for (const entry of entries) {
      if (entry.directory) {
        const path = entry.filename.replace(/\/+$/, '');
        if (path && !folders.has(path)) folders.set(path, entry.lastModDate);
        continue;
      }
      if (files.has(entry.filename)) continue;
      files.set(entry.filename, { path: entry.filename, part: name, size: entry.uncompressedSize, crc32: entry.crc32, entry });
    }
  }
  return { parts, files, folders };
}

/** `a/b/c.jpg` → `a/b`. */
export const folderOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));
/** `a/b/c.jpg` → `c.jpg`. */
export const baseNameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
