/**
 * A request body checked against the encoded People schemas: unknown properties and wrong JSON types are
 * refused with Google's 400 INVALID_ARGUMENT, as its JSON front end refuses them.
 */
import { invalidArgument } from './errors';
import { PEOPLE_SCHEMAS, type PeopleFieldType, type PeopleSchemaName } from './schema';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function validatePeopleBody(value: unknown, schema: PeopleSchemaName, at: string): void {
  if (!isObject(value)) throw invalidArgument(`Invalid JSON payload received. Expected an object at '${at}'.`);
  for (const [key, v] of Object.entries(value)) {
    const type = PEOPLE_SCHEMAS[schema][key];
    if (!type) throw invalidArgument(`Invalid JSON payload received. Unknown name "${key}" at '${at}': Cannot find field.`);
    checkValue(v, type, `${at}.${key}`);
  }
}

function checkValue(v: unknown, type: PeopleFieldType, at: string): void {
  if (v === null || type === 'any') return;
  if (type === 'string' && typeof v !== 'string') throw invalidArgument(`Invalid value at '${at}' (TYPE_STRING), ${JSON.stringify(v)}`);
  if (type === 'boolean' && typeof v !== 'boolean') throw invalidArgument(`Invalid value at '${at}' (TYPE_BOOL), ${JSON.stringify(v)}`);
  if (type === 'integer' && !Number.isInteger(v)) throw invalidArgument(`Invalid value at '${at}' (TYPE_INT32), ${JSON.stringify(v)}`);
  if (typeof type === 'string') return;
  if ('array' in type) {
    if (!Array.isArray(v)) throw invalidArgument(`Invalid value at '${at}' (TYPE_LIST), ${JSON.stringify(v)}`);
    v.forEach((item, i) => checkValue(item, type.array, `${at}[${i}]`));
    return;
  }
  validatePeopleBody(v, type.ref, at);
}
