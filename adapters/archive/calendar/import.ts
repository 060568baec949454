/** Calendar events staged for the archive's `calendar/<calendar>.ics` (README.md, "Layout"), in export order. */
import type { AdapterContext } from '../../../model/adapter';
import { CALENDAR_FIELDS, type CalendarEvent } from '../../../model/calendar';
import { StagingImporter } from '../staging-importer';

/** An iCalendar file holds every field of the model (model/calendar-ics-write.ts writes each of them). */
export const CALENDAR_FIELDS_KEPT: readonly string[] = CALENDAR_FIELDS;

export class ArchiveCalendarImporter extends StagingImporter<CalendarEvent> {
  constructor(ctx: AdapterContext) {
    super(ctx, 'calendar', { wantsContent: () => false });
  }
}
