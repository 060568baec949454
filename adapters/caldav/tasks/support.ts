/** What Ferry can do with CalDAV task lists (VTODO); README.md § tasks says why each value. */
import type { DataTypeSupport } from '../../../model/adapter';
import { TASK_FIELDS } from '../../../model/task';
import { CalDavTasksExporter } from './export';
import { CalDavTasksImporter } from './import';

export const caldavTasks: DataTypeSupport = {
  export: { create: (ctx) => new CalDavTasksExporter(ctx) },
  // VTODO holds every model task field (README.md).
  import: { create: (ctx) => new CalDavTasksImporter(ctx), batchSize: 20, fields: TASK_FIELDS },
  scopes: { export: [], import: [] },
};
