/** Files and folders staged for the archive's `files/<path>` (README.md, "Layout"): each file's bytes streamed to disk. */
import type { AdapterContext } from '../../../model/adapter';
import type { FileEntry, FileField } from '../../../model/file';
import { StagingImporter } from '../staging-importer';

/**
 * The tree keeps path and name, the bytes their size, the zip entry's time the modified time and the extension
 * the type. A zip entry has no creation time, and the source's own hashes are not written (the manifest's SHA-256
 * is Ferry's own, of what it wrote).
 */
export const FILES_FIELDS_KEPT: readonly FileField[] = ['path', 'name', 'sizeBytes', 'modified', 'mimeType'];

export class ArchiveFilesImporter extends StagingImporter<FileEntry> {
  constructor(ctx: AdapterContext) {
    super(ctx, 'files', { wantsContent: (entry) => entry.kind === 'file' });
  }
}
