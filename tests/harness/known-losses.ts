import type { FactName } from './calendar-facts';
import type { ProviderName } from '../sandbox/core/types';

/**
 * Facts a destination cannot hold, per direction, with the model field Ferry must name in its
 * per-item report when an item loses it. A round trip test skips these facts and instead checks
 * that every item that lost one is listed in the job's report.
 */
export const CALENDAR_LOSSES: Record<`${ProviderName}->${ProviderName}`, Partial<Record<FactName, string>>> = {
  'google->microsoft': {
    // Outlook keeps one reminder, and no e-mail reminder.
    reminders: 'reminders',
    // Graph has no tentative or cancelled event status (showAs is busy/free, not the event's status).
    status: 'status',
    // Graph starts every attendee at "not responded": replies cannot be set on create.
    replies: 'attendees.status',
  },
  'microsoft->google': {
    busy: 'busy',
    categories: 'categories',
  },
  'google->google': {},
  'microsoft->microsoft': {},
};
