/** What Ferry can do with Google Tasks (README.md, "tasks", says why each choice). */
import type { DataTypeSupport } from '../../../model/adapter';
import type { TaskField } from '../../../model/task';
import { GoogleTasksExporter } from './export';
import { GoogleTasksImporter } from './import';

const SCOPE = 'https://www.googleapis.com/auth/tasks';

/** Model fields a Google task holds; `created` and `updated` are Google's own. */
const TASK_IMPORT_FIELDS: readonly TaskField[] = ['title', 'notes', 'due', 'status', 'completed', 'parent', 'order'];

export const googleTasks: DataTypeSupport = {
  export: { create: (ctx) => new GoogleTasksExporter(ctx) },
  import: { create: (ctx) => new GoogleTasksImporter(ctx), batchSize: 20, fields: TASK_IMPORT_FIELDS },
  scopes: { export: [`${SCOPE}.readonly`], import: [SCOPE] },
  // The Tasks API publishes only a courtesy limit of 50,000 queries a day per project
  // (https://developers.google.com/workspace/tasks/limits), apart from Calendar's quota. Inserts go one at a
  // time because each names the sibling before it; 5 a second moves 500 tasks in under two minutes.
  limits: { minIntervalMs: 200, maxConcurrency: 1 },
};
