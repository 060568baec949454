/** Tasks, on iCalendar VTODO (RFC 5545 §3.6.2). */
export interface Task {
  uid: string;
  title: string;
  notes?: string;
  /** Due date, YYYY-MM-DD: Google Tasks and To Do both keep only the date. */
  due?: string;
  status: 'needs-action' | 'completed';
  /** RFC 3339 UTC */
  completed?: string;
  /** Position among its siblings, 0-based. */
  order: number;
  created?: string;
  updated?: string;
}
