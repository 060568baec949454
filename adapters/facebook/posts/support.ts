/** What Ferry can do with the posts of a Facebook export: export only (README.md, "Posts"). */
import type { DataTypeSupport } from '../../../model/adapter';
import { FacebookPostsExporter } from './export';

export const facebookPosts: DataTypeSupport = {
  export: { create: (ctx) => new FacebookPostsExporter(ctx) },
  scopes: { export: [], import: [] },
};
