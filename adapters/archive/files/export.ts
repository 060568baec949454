import type { AdapterContext, ExportPage, Exporter } from '../../../model/adapter';

export class ArchiveFilesExporter implements Exporter {
  readonly dataType = 'files' as const;
  constructor(private readonly ctx: AdapterContext) {}
  exportPage(): Promise<ExportPage> {
    return Promise.reject(new Error(`placeholder for ${this.ctx.account}`));
  }
}
