/** The Ferry archive's tasks: read from a chosen archive, written into a new one (README.md, "Layout"). */
import type { DataTypeSupport } from '../../../model/adapter';
import { ArchiveTasksExporter } from './export';
import { ArchiveTasksImporter, TASKS_FIELDS_KEPT } from './import';

export const archiveTasks: DataTypeSupport = {
  export: { create: (ctx) => new ArchiveTasksExporter(ctx) },
  import: { create: (ctx) => new ArchiveTasksImporter(ctx), batchSize: 50, fields: TASKS_FIELDS_KEPT },
  scopes: { export: [], import: [] },
};
