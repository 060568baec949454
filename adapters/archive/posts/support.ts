/** The Ferry archive's posts: read from a chosen archive, written into a new one (README.md, "Layout"). */
import type { DataTypeSupport } from '../../../model/adapter';
import { ArchivePostsExporter } from './export';
import { ArchivePostsImporter, POSTS_FIELDS_KEPT } from './import';

export const archivePosts: DataTypeSupport = {
  export: { create: (ctx) => new ArchivePostsExporter(ctx) },
  import: { create: (ctx) => new ArchivePostsImporter(ctx), batchSize: 50, fields: POSTS_FIELDS_KEPT },
  scopes: { export: [], import: [] },
};
