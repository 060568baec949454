/** Tasks staged for the archive's `tasks/<list>.ics` (README.md, "Layout"), each with its order among its siblings. */
import type { AdapterContext } from '../../../model/adapter';
import { TASK_FIELDS, type Task } from '../../../model/task';
import { StagingImporter } from '../staging-importer';

/** A VTODO holds every field of the model, order as X-APPLE-SORT-ORDER (model/task-ics.ts). */
export const TASKS_FIELDS_KEPT: readonly string[] = TASK_FIELDS;

export class ArchiveTasksImporter extends StagingImporter<Task> {
  constructor(ctx: AdapterContext) {
    super(ctx, 'tasks', { wantsContent: () => false });
  }
}
