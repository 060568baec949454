/**
 * Structural validation of a request body against the encoded discovery schema: unknown properties, wrong
 * JSON types and enum values outside the documented list are refused with Google's 400, as its JSON front
 * end refuses them. `null` is accepted anywhere (it clears a field on patch).
 */
import { badRequest } from '../errors';
import { ENUMS, SCHEMAS, type FieldType, type SchemaName } from './schema';

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const PROTO_TYPES: Record<string, string> = {
  string: 'TYPE_STRING',
  date: 'TYPE_STRING',
  'date-time': 'TYPE_STRING',
  boolean: 'TYPE_BOOL',
  integer: 'TYPE_INT32',
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function validateResource(value: unknown, schema: SchemaName): void {
  if (!isPlainObject(value)) throw badRequest("Invalid JSON payload received. Expected an object at 'resource'.", 'parseError');
  checkObject(value, SCHEMAS[schema], 'resource', schema);
}

function checkObject(value: Record<string, unknown>, props: Readonly<Record<string, FieldType>>, at: string, enumPath: string): void {
  for (const [key, v] of Object.entries(value)) {
    const type = props[key];
    if (!type) throw badRequest(`Invalid JSON payload received. Unknown name "${key}" at '${at}': Cannot find field.`);
    checkValue(v, type, `${at}.${snake(key)}`, `${enumPath}.${key}`);
  }
}

function checkValue(v: unknown, type: FieldType, at: string, enumPath: string): void {
  if (v === null || type === 'any') return;
  if (typeof type === 'string') {
    checkScalar(v, type, at);
    const allowed = ENUMS[enumPath];
    if (allowed && !allowed.includes(v as string)) throw badRequest(`Invalid value for ${enumPath.split('.').slice(1).join('.')}: "${String(v)}"`);
    return;
  }
  if ('ref' in type) {
    if (!isPlainObject(v)) throw typeError(at, 'TYPE_MESSAGE', v);
    checkObject(v, SCHEMAS[type.ref], at, type.ref);
  } else if ('array' in type) {
    if (!Array.isArray(v)) throw typeError(at, 'TYPE_LIST', v);
    v.forEach((item, i) => checkValue(item, type.array, `${at}[${i}]`, enumPath));
  } else if ('map' in type) {
    if (!isPlainObject(v)) throw typeError(at, 'TYPE_MAP', v);
    for (const [k, item] of Object.entries(v)) checkValue(item, type.map, `${at}[${JSON.stringify(k)}]`, enumPath);
  } else {
    if (!isPlainObject(v)) throw typeError(at, 'TYPE_MESSAGE', v);
    checkObject(v, type.object, at, enumPath);
  }
}

function checkScalar(v: unknown, type: 'string' | 'boolean' | 'integer' | 'date' | 'date-time', at: string): void {
  const ok =
    type === 'boolean' ? typeof v === 'boolean' : type === 'integer' ? Number.isInteger(v) && Math.abs(v as number) <= 2 ** 31 - 1 : typeof v === 'string';
  if (!ok) throw typeError(at, PROTO_TYPES[type] ?? 'TYPE_STRING', v);
}

const typeError = (at: string, protoType: string, v: unknown) =>
  badRequest(`Invalid value at '${at}' (${protoType}), ${JSON.stringify(v)}`);
