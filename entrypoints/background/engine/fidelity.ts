/**
 * What a destination cannot keep: the model field paths an item carries that the destination's importer
 * does not declare (Capabilities `fields`), merged with the value-specific losses the importer reports.
 */
import type { DataType, LostField } from '../../../model/adapter';
import { CALENDAR_FIELDS } from '../../../model/calendar';
import { CONTACT_FIELDS } from '../../../model/contact';
import { FILE_FIELDS } from '../../../model/file';
import { MAIL_FIELDS } from '../../../model/mail';
import { MEDIA_FIELDS } from '../../../model/media';
import { TASK_FIELDS } from '../../../model/task';

/** The model field paths checked per data type (types without a declared list report only the importer's losses). */
const MODEL_FIELDS: Partial<Record<DataType, readonly string[]>> = {
  calendar: CALENDAR_FIELDS,
  contacts: CONTACT_FIELDS,
  tasks: TASK_FIELDS,
  mail: MAIL_FIELDS,
  photos: MEDIA_FIELDS,
  files: FILE_FIELDS,
};

export const modelFieldPaths = (dataType: DataType): readonly string[] => MODEL_FIELDS[dataType] ?? [];

/**
 * The value at a dotted model path; through an array it collects the values of every element
 * (`attendees.status` → each attendee's status). Empty values (undefined, '', [], {}) read as undefined,
 * as the contract counts a path present only when it is set and not empty.
 */
export function valueAtPath(data: unknown, path: string): unknown {
  let values: unknown[] = [data];
  for (const part of path.split('.')) {
    values = values.flatMap((value) => {
      const next = isRecord(value) ? value[part] : undefined;
      return Array.isArray(next) ? next : [next];
    });
  }
  const present = values.filter((v) => !isEmpty(v));
  if (present.length === 0) return undefined;
  return isArrayPath(data, path) || present.length > 1 ? present : present[0];
}

/** The paths among `paths` that the item carries. */
export function presentFields(data: unknown, paths: readonly string[]): string[] {
  return paths.filter((path) => valueAtPath(data, path) !== undefined);
}

/**
 * Every lost field of an imported item: each present model path the destination does not declare (paths are
 * judged one by one: declaring `attendees` does not cover `attendees.comment`), plus what the importer reported.
 */
export function lostFields(data: unknown, modelPaths: readonly string[], keptFields: readonly string[], reported: readonly LostField[] = [], destinationName = 'The destination'): LostField[] {
  const kept = new Set(keptFields);
  const lost: LostField[] = presentFields(data, modelPaths)
    .filter((path) => !kept.has(path))
    .map((field) => ({ field, reason: `${destinationName} has no place for it` }));
  for (const loss of reported) if (!lost.some((l) => l.field === loss.field)) lost.push(loss);
  return lost;
}

function isArrayPath(data: unknown, path: string): boolean {
  let value: unknown = data;
  for (const part of path.split('.')) {
    if (Array.isArray(value)) return true;
    value = isRecord(value) ? value[part] : undefined;
  }
  return Array.isArray(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.keys(value).length === 0;
  return false;
}
