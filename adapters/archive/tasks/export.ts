import type { AdapterContext, ExportPage, Exporter } from '../../../model/adapter';

export class ArchiveTasksExporter implements Exporter {
  readonly dataType = 'tasks' as const;
  constructor(private readonly ctx: AdapterContext) {}
  exportPage(): Promise<ExportPage> {
    return Promise.reject(new Error(`placeholder for ${this.ctx.account}`));
  }
}
