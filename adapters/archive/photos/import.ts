/** Photos and videos staged for the archive's `photos/<album>/<file>` and its sidecar (README.md, "Layout"). */
import type { AdapterContext } from '../../../model/adapter';
import { MEDIA_FIELDS, withheldLosses, type MediaItem } from '../../../model/media';
import { StagingImporter } from '../staging-importer';

/**
 * The original bytes keep size, dimensions and duration; the sidecar (model/media-sidecar.ts) keeps title,
 * description, capture time, place and album order; the file's name and extension keep name and type.
 */
export const PHOTOS_FIELDS_KEPT: readonly string[] = MEDIA_FIELDS;

export class ArchivePhotosImporter extends StagingImporter<MediaItem> {
  constructor(ctx: AdapterContext) {
    super(ctx, 'photos', {
      wantsContent: () => true,
      prepare: (item) => ({ data: item.data, lost: withheldLosses(item.data) }),
    });
  }
}
