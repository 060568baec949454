/**
 * The chosen Takeout zips as one tree (README.md, "What Ferry reads"). Every part must hold a `Takeout/`
 * folder; a zip without one is named as not being a Takeout, so a wrong file is never half-read.
 */
import { AdapterError, type AdapterContext } from '../../model/adapter';
import { chosenFiles } from '../local-files';
import { openArchive, type ArchiveEntry, type ArchiveTree } from '../zip-archive';

export const TAKEOUT_ROOT = 'Takeout/';
export const EXPORT_NAME = 'Google Takeout';

export async function openTakeout(ctx: AdapterContext): Promise<ArchiveTree> {
  const tree = await openArchive(chosenFiles(ctx, EXPORT_NAME));
  const withRoot = new Set([...tree.files.values()].filter((f) => f.path.startsWith(TAKEOUT_ROOT)).map((f) => f.part));
  for (const part of tree.parts) {
    if (!withRoot.has(part)) throw new AdapterError(`${part} is not a Google Takeout export: it has no Takeout/ folder. Choose the zip files Google Takeout sent you (named like takeout-20250101T120000Z-001.zip).`, 'fatal');
  }
  return tree;
}

/** The files under `Takeout/<one of folders>/`, by the first of those names the export has. */
export function productFiles(tree: ArchiveTree, folders: readonly string[]): { folder: string; files: ArchiveEntry[] } | undefined {
  for (const folder of folders) {
    const prefix = `${TAKEOUT_ROOT}${folder}/`;
    const files = [...tree.files.values()].filter((f) => f.path.startsWith(prefix));
    if (files.length) return { folder: prefix, files: files.sort((a, b) => a.path.localeCompare(b.path)) };
  }
  return undefined;
}

export function productMissing(tree: ArchiveTree, product: string, folder: string): AdapterError {
  const parts = tree.parts.join(', ');
  return new AdapterError(
    `${parts} ${tree.parts.length === 1 ? 'holds' : 'hold'} no ${product} (no Takeout/${folder}/ folder). Ask Google Takeout for an export that includes ${product}, or if it came in several zip files, choose all of them.`,
    'fatal',
  );
}

/** The account an export stands for: the Takeout's name without its part number (`takeout-20250101T120000Z`). */
export function exportId(names: readonly string[]): string {
  const first = [...names].sort()[0] ?? 'takeout';
  return first.replace(/(-\d{3})?\.zip$/i, '');
}
