/** What Ferry can do with the calendars of a Takeout: export only (README.md, "Calendar"). */
import type { DataTypeSupport } from '../../../model/adapter';
import { TakeoutCalendarExporter } from './export';

export const takeoutCalendar: DataTypeSupport = {
  export: { create: (ctx) => new TakeoutCalendarExporter(ctx) },
  scopes: { export: [], import: [] },
};
