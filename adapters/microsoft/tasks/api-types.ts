/**
 * The Graph v1.0 To Do resources Ferry reads and writes, as the CSDL describes them
 * (microsoft-graph-v1.0-csdl.xml: graph.todoTaskList, graph.todoTask, graph.checklistItem, graph.linkedResource).
 */
import type { GraphDateTimeTimeZone } from '../calendar/api-types';

export type { GraphCollection } from '../calendar/api-types';

export interface GraphTodoTaskList {
  id: string;
  displayName?: string;
  isOwner?: boolean;
  isShared?: boolean;
  wellknownListName?: 'none' | 'defaultList' | 'flaggedEmails' | 'unknownFutureValue';
}

export type GraphTaskStatus = 'notStarted' | 'inProgress' | 'completed' | 'waitingOnOthers' | 'deferred';

export interface GraphLinkedResource {
  id?: string;
  applicationName?: string;
  displayName?: string;
  externalId?: string;
  webUrl?: string;
}

export interface GraphChecklistItem {
  id?: string;
  displayName?: string;
  isChecked?: boolean;
  checkedDateTime?: string | null;
  createdDateTime?: string;
}

export interface GraphTodoTask {
  id?: string;
  title?: string;
  body?: { content?: string; contentType?: 'text' | 'html' };
  status?: GraphTaskStatus;
  dueDateTime?: GraphDateTimeTimeZone | null;
  completedDateTime?: GraphDateTimeTimeZone | null;
  createdDateTime?: string;
  lastModifiedDateTime?: string;
  importance?: 'low' | 'normal' | 'high';
  linkedResources?: GraphLinkedResource[];
  checklistItems?: GraphChecklistItem[];
}
