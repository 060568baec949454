/** What Ferry can do with the task lists of a Takeout: export only (README.md, "Tasks"). */
import type { DataTypeSupport } from '../../../model/adapter';
import { TakeoutTasksExporter } from './export';

export const takeoutTasks: DataTypeSupport = {
  export: { create: (ctx) => new TakeoutTasksExporter(ctx) },
  scopes: { export: [], import: [] },
};
