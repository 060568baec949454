/**
 * The account's To Do as Graph holds it: lists (the default "Tasks" list and the "Flagged email" list are
 * always there), their tasks in the order they were made, each task's checklist items and linked resources.
 * Times are kept as Graph answers them: instants in UTC, due and completion as UTC wall times.
 */
import { randomBytes } from 'node:crypto';

export interface StoredChecklistItem {
  id: string;
  displayName: string;
  isChecked: boolean;
  checkedDateTime?: string;
  createdDateTime: string;
}

export interface StoredLinkedResource {
  id: string;
  applicationName: string;
  displayName: string;
  externalId?: string;
  webUrl?: string;
}

export interface StoredTodoTask {
  id: string;
  title: string;
  body: { content: string; contentType: 'text' | 'html' };
  status: string;
  importance: string;
  isReminderOn: boolean;
  categories: string[];
  /** `YYYY-MM-DDTHH:mm:ss.0000000`, UTC */
  dueDateTime?: string;
  completedDateTime?: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  bodyLastModifiedDateTime: string;
  checklistItems: StoredChecklistItem[];
  linkedResources: StoredLinkedResource[];
}

export interface StoredTodoList {
  id: string;
  displayName: string;
  wellknownListName: 'none' | 'defaultList' | 'flaggedEmails';
  tasks: Map<string, StoredTodoTask>;
}

export const newTodoId = (): string => `AQMkADAwATM0MDAAMS0${randomBytes(24).toString('base64url')}AAAA==`;

export class TodoStore {
  readonly lists = new Map<string, StoredTodoList>();

  constructor(private readonly now: () => number) {
    this.reset();
  }

  reset(): void {
    this.lists.clear();
    this.addList('Tasks', 'defaultList');
    this.addList('Flagged email', 'flaggedEmails');
  }

  /** Graph's instants: seven fractional digits, UTC. */
  timestamp(): string {
    return new Date(this.now()).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
  }

  addList(displayName: string, wellknownListName: StoredTodoList['wellknownListName'] = 'none'): StoredTodoList {
    const list: StoredTodoList = { id: newTodoId(), displayName, wellknownListName, tasks: new Map() };
    this.lists.set(list.id, list);
    return list;
  }

  get defaultList(): StoredTodoList {
    return [...this.lists.values()].find((l) => l.wellknownListName === 'defaultList')!;
  }
}
