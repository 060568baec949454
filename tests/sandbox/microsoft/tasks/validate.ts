/**
 * Request bodies checked against the To Do types in schema.ts, failing as Graph's OData reader does
 * (400 RequestBodyRead): unknown properties, wrong JSON types, enum values outside the CSDL, missing required
 * properties. Read-only properties are dropped, as Graph ignores them on write.
 */
import { GraphError } from '../graph/errors';
import { TODO_ENUMS, TODO_TYPES, type PropertySpec } from './schema';

const bodyRead = (message: string): GraphError => new GraphError(400, 'RequestBodyRead', message);
const DATE_TIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkValue(value: unknown, spec: PropertySpec, name: string): unknown {
  if (value === null) {
    if (spec.nullable === false || spec.collection) throw bodyRead(`A null value was found for the property named '${name}', which has the expected type '${spec.type}[Nullable=False]'.`);
    return null;
  }
  if (spec.collection) {
    if (!Array.isArray(value)) throw bodyRead(`A 'StartArray' node was expected for the collection property '${name}'.`);
    return value.map((v) => checkValue(v, { ...spec, collection: false }, name));
  }
  const mismatch = () => bodyRead(`Cannot convert the literal '${JSON.stringify(value)}' to the expected type '${spec.type}' of property '${name}'.`);
  if (spec.type === 'Edm.String') {
    if (typeof value !== 'string') throw mismatch();
    return value;
  }
  if (spec.type === 'Edm.Boolean') {
    if (typeof value !== 'boolean') throw mismatch();
    return value;
  }
  if (spec.type === 'Edm.DateTimeOffset') {
    if (typeof value !== 'string' || !DATE_TIME_OFFSET.test(value) || Number.isNaN(Date.parse(value))) throw mismatch();
    return value;
  }
  const members = TODO_ENUMS[spec.type];
  if (members) {
    const found = typeof value === 'string' ? members.find((m) => m.toLowerCase() === value.toLowerCase()) : undefined;
    if (!found) throw bodyRead(`Requested value '${String(value)}' was not found.`);
    return found;
  }
  return validateTodo(value, spec.type, name);
}

/** The body with unknown properties refused, values checked, read-only ones removed. */
export function validateTodo(value: unknown, typeName: string, name = 'body', opts: { create?: boolean } = {}): Record<string, unknown> {
  const type = TODO_TYPES[typeName];
  if (!type) throw new Error(`tasks/schema.ts has no type ${typeName}`);
  if (!isObject(value)) throw bodyRead(`A 'StartObject' node was expected for the property '${name}'.`);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key.includes('@odata.')) continue;
    const spec = type.properties[key];
    if (!spec) throw bodyRead(`The property '${key}' does not exist on type '${type.serviceName}'. Make sure to only use property names that are defined by the type or mark the type as open type.`);
    if (spec.unsupported) throw new GraphError(501, 'NotImplemented', `The Ferry sandbox does not model '${key}' on ${type.serviceName}; Graph would accept it.`);
    if (spec.readOnly) continue;
    out[key] = checkValue(v, spec, key);
  }
  const complex = type.kind === 'ComplexType';
  if (opts.create || complex) {
    for (const [key, spec] of Object.entries(type.properties)) {
      if (spec.required && (out[key] === undefined || out[key] === null || out[key] === '')) {
        throw new GraphError(400, complex ? 'RequestBodyRead' : 'invalidRequest', `The property '${key}' is required on ${type.serviceName}.`);
      }
    }
  }
  return out;
}
