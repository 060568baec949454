/**
 * The Graph v1.0 To Do types the sandbox validates and answers with, in the CSDL's own names and types
 * (microsoft-graph-v1.0-csdl.xml: todoTaskList, todoTask, checklistItem, linkedResource and their complex
 * types); todo-schema.test.ts checks them against the CSDL when it is present. `readOnly` marks what the
 * service sets, `required` what a create must carry (per the create pages of the To Do API reference).
 */
import type { PropertySpec as CalendarPropertySpec } from '../calendar/schema';

export interface PropertySpec extends CalendarPropertySpec {
  required?: boolean;
}

export interface TodoTypeSpec {
  serviceName: string;
  kind: 'EntityType' | 'ComplexType';
  properties: Record<string, PropertySpec>;
}

const S: PropertySpec = { type: 'Edm.String' };
const RO = (type: string, extra: Omit<PropertySpec, 'type' | 'readOnly'> = {}): PropertySpec => ({ type, readOnly: true, ...extra });
const DTZ: PropertySpec = { type: 'graph.dateTimeTimeZone' };
const NAV = (type: string, unsupported = false): PropertySpec => ({ type, collection: true, navigation: true, ...(unsupported && { unsupported }) });

export const TODO_ENUMS: Record<string, readonly string[]> = {
  'graph.taskStatus': ['notStarted', 'inProgress', 'completed', 'waitingOnOthers', 'deferred'],
  'graph.importance': ['low', 'normal', 'high'],
  'graph.wellknownListName': ['none', 'defaultList', 'flaggedEmails', 'unknownFutureValue'],
  'graph.bodyType': ['text', 'html'],
};

export const TODO_TYPES: Record<string, TodoTypeSpec> = {
  'graph.todoTaskList': {
    serviceName: 'Microsoft.OData.Service.TodoTaskList',
    kind: 'EntityType',
    properties: {
      id: RO('Edm.String', { nullable: false }),
      displayName: { ...S, required: true },
      isOwner: RO('Edm.Boolean', { nullable: false }),
      isShared: RO('Edm.Boolean', { nullable: false }),
      wellknownListName: RO('graph.wellknownListName', { nullable: false }),
      extensions: NAV('graph.extension', true),
      tasks: NAV('graph.todoTask', true),
    },
  },
  'graph.todoTask': {
    serviceName: 'Microsoft.OData.Service.TodoTask',
    kind: 'EntityType',
    properties: {
      id: RO('Edm.String', { nullable: false }),
      body: { type: 'graph.itemBody' },
      bodyLastModifiedDateTime: RO('Edm.DateTimeOffset', { nullable: false }),
      categories: { type: 'Edm.String', collection: true },
      completedDateTime: DTZ,
      createdDateTime: RO('Edm.DateTimeOffset', { nullable: false }),
      dueDateTime: DTZ,
      hasAttachments: RO('Edm.Boolean'),
      importance: { type: 'graph.importance', nullable: false },
      isReminderOn: { type: 'Edm.Boolean', nullable: false },
      lastModifiedDateTime: RO('Edm.DateTimeOffset', { nullable: false }),
      recurrence: { type: 'graph.patternedRecurrence', unsupported: true },
      reminderDateTime: DTZ,
      startDateTime: DTZ,
      status: { type: 'graph.taskStatus', nullable: false },
      title: S,
      attachments: NAV('graph.attachmentBase', true),
      attachmentSessions: NAV('graph.attachmentSession', true),
      checklistItems: NAV('graph.checklistItem'),
      extensions: NAV('graph.extension', true),
      linkedResources: NAV('graph.linkedResource'),
    },
  },
  'graph.checklistItem': {
    serviceName: 'Microsoft.OData.Service.ChecklistItem',
    kind: 'EntityType',
    properties: {
      id: RO('Edm.String', { nullable: false }),
      checkedDateTime: { type: 'Edm.DateTimeOffset' },
      createdDateTime: RO('Edm.DateTimeOffset', { nullable: false }),
      displayName: { ...S, required: true },
      isChecked: { type: 'Edm.Boolean' },
    },
  },
  'graph.linkedResource': {
    serviceName: 'Microsoft.OData.Service.LinkedResource',
    kind: 'EntityType',
    properties: {
      id: RO('Edm.String', { nullable: false }),
      applicationName: { ...S, required: true },
      displayName: { ...S, required: true },
      externalId: S,
      webUrl: S,
    },
  },
  'graph.itemBody': {
    serviceName: 'Microsoft.OData.Service.ItemBody',
    kind: 'ComplexType',
    properties: { content: S, contentType: { type: 'graph.bodyType' } },
  },
  'graph.dateTimeTimeZone': {
    serviceName: 'Microsoft.OData.Service.DateTimeTimeZone',
    kind: 'ComplexType',
    properties: { dateTime: { type: 'Edm.String', nullable: false, required: true }, timeZone: S },
  },
};

export const TASKS_READ = ['Tasks.Read', 'Tasks.ReadWrite'] as const;
export const TASKS_WRITE = ['Tasks.ReadWrite'] as const;
