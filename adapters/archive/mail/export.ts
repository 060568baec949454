import type { AdapterContext, ExportPage, Exporter } from '../../../model/adapter';

export class ArchiveMailExporter implements Exporter {
  readonly dataType = 'mail' as const;
  constructor(private readonly ctx: AdapterContext) {}
  exportPage(): Promise<ExportPage> {
    return Promise.reject(new Error(`placeholder for ${this.ctx.account}`));
  }
}
