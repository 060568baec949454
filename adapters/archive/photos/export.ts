import type { AdapterContext, ExportPage, Exporter } from '../../../model/adapter';

export class ArchivePhotosExporter implements Exporter {
  readonly dataType = 'photos' as const;
  constructor(private readonly ctx: AdapterContext) {}
  exportPage(): Promise<ExportPage> {
    return Promise.reject(new Error(`placeholder for ${this.ctx.account}`));
  }
}
