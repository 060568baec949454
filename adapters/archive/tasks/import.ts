import type { AdapterContext, Container, ImportItem, ImportResult, Importer } from '../../../model/adapter';

export const TASKS_FIELDS_KEPT: readonly string[] = [];

export class ArchiveTasksImporter implements Importer {
  readonly dataType = 'tasks' as const;
  constructor(private readonly ctx: AdapterContext) {}
  ensureContainer(container: Container): Promise<string> {
    return Promise.reject(new Error(`placeholder ${container.key} ${this.ctx.account}`));
  }
  importBatch(items: ImportItem[]): Promise<ImportResult[]> {
    return Promise.reject(new Error(`placeholder ${items.length}`));
  }
  lookup(): Promise<Map<string, string>> {
    return Promise.reject(new Error('placeholder'));
  }
}
