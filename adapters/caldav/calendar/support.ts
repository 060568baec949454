/** What Ferry can do with CalDAV calendars (VEVENT); README.md § calendar says why each value. */
import type { DataTypeSupport } from '../../../model/adapter';
import { CALENDAR_FIELDS } from '../../../model/calendar';
import { CalDavCalendarExporter } from './export';
import { CalDavCalendarImporter } from './import';

/** Series written side by side per batch; the pacer bounds requests in flight. */
export const CALENDAR_BATCH = 20;

export const caldavCalendar: DataTypeSupport = {
  export: { create: (ctx) => new CalDavCalendarExporter(ctx) },
  // A CalDAV calendar holds iCalendar itself: every model field has its property (README.md).
  import: { create: (ctx) => new CalDavCalendarImporter(ctx), batchSize: CALENDAR_BATCH, fields: CALENDAR_FIELDS },
  // An app password opens the whole account: there are no scopes to ask for.
  scopes: { export: [], import: [] },
};
