/** The Ferry archive's calendar: read from a chosen archive, written into a new one (README.md, "Layout"). */
import type { DataTypeSupport } from '../../../model/adapter';
import { ArchiveCalendarExporter } from './export';
import { ArchiveCalendarImporter, CALENDAR_FIELDS_KEPT } from './import';

export const archiveCalendar: DataTypeSupport = {
  export: { create: (ctx) => new ArchiveCalendarExporter(ctx) },
  import: { create: (ctx) => new ArchiveCalendarImporter(ctx), batchSize: 50, fields: CALENDAR_FIELDS_KEPT },
  scopes: { export: [], import: [] },
};
