/** What Ferry can do with Microsoft To Do (README.md, "tasks", says why each choice). */
import type { DataTypeSupport } from '../../../model/adapter';
import type { TaskField } from '../../../model/task';
import { MAX_BATCH_REQUESTS } from '../client';
import { MicrosoftTasksExporter } from './export';
import { MicrosoftTasksImporter } from './import';

/**
 * Model fields a To Do task holds. `order` is not among them (Graph has no order for tasks); a subtask's notes
 * and due date are reported lost per item, as a checklist item cannot hold them.
 */
const TASK_IMPORT_FIELDS: readonly TaskField[] = ['title', 'notes', 'due', 'status', 'completed', 'parent'];

/**
 * No `limits`: Microsoft documents no To Do-specific limits (https://learn.microsoft.com/graph/throttling-limits
 * has none for To Do), so it is paced with the rest of Graph and answers a 429's Retry-After.
 */
export const microsoftTasks: DataTypeSupport = {
  export: { create: (ctx) => new MicrosoftTasksExporter(ctx) },
  import: { create: (ctx) => new MicrosoftTasksImporter(ctx), batchSize: MAX_BATCH_REQUESTS, fields: TASK_IMPORT_FIELDS },
  scopes: { export: ['Tasks.Read'], import: ['Tasks.ReadWrite'] },
};
