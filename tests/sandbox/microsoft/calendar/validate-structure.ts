/**
 * Structural validation of a request body against the CSDL types in schema.ts, failing as Graph's
 * OData reader does (400 RequestBodyRead). Read-only properties are dropped, as Graph ignores them on
 * write; enum values are matched case-insensitively and answered in the CSDL's spelling.
 */
import { GraphError } from '../graph/errors';
import { ENUMS, TYPES, type PropertySpec } from './schema';

const bodyRead = (message: string): GraphError => new GraphError(400, 'RequestBodyRead', message);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const checkPrimitive = (value: unknown, type: string, name: string): unknown => {
  const mismatch = (): never => {
    throw bodyRead(`Cannot convert the literal '${JSON.stringify(value)}' to the expected type '${type}' of property '${name}'.`);
  };
  switch (type) {
    case 'Edm.String':
      return typeof value === 'string' ? value : mismatch();
    case 'Edm.Boolean':
      return typeof value === 'boolean' ? value : mismatch();
    case 'Edm.Int32':
      return Number.isInteger(value) && Math.abs(value as number) <= 2 ** 31 ? value : mismatch();
    case 'Edm.Double':
      return typeof value === 'number' && Number.isFinite(value) ? value : mismatch();
    case 'Edm.Date':
      return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value)) ? value : mismatch();
    case 'Edm.DateTimeOffset':
      return typeof value === 'string' && DATE_TIME_OFFSET.test(value) && !Number.isNaN(Date.parse(value)) ? value : mismatch();
    default:
      throw new Error(`schema.ts names an unknown primitive type ${type}`);
  }
};

const checkEnum = (value: unknown, type: string): string => {
  const members = ENUMS[type] ?? [];
  const found = typeof value === 'string' ? members.find((m) => m.toLowerCase() === value.toLowerCase()) : undefined;
  if (found === undefined) throw bodyRead(`Requested value '${String(value)}' was not found.`);
  return found;
};

const checkValue = (value: unknown, spec: PropertySpec, name: string): unknown => {
  if (value === null) {
    if (spec.nullable === false || spec.collection) {
      throw bodyRead(`A null value was found for the property named '${name}', which has the expected type '${spec.collection ? `Collection(${spec.type})` : spec.type}[Nullable=False]'. The expected type '${spec.type}[Nullable=False]' does not allow null values.`);
    }
    return null;
  }
  if (spec.collection) {
    if (!Array.isArray(value)) throw bodyRead(`A node of type '${isPlainObject(value) ? 'StartObject' : 'PrimitiveValue'}' was read from the JSON reader when trying to read the start of a collection of '${spec.type}' for property '${name}'; a 'StartArray' node was expected.`);
    return value.map((item) => checkValue(item, { ...spec, collection: false }, name));
  }
  if (spec.type.startsWith('Edm.')) return checkPrimitive(value, spec.type, name);
  if (ENUMS[spec.type]) return checkEnum(value, spec.type);
  return validateStructure(value, spec.type, name);
};

/** The body with unknown properties rejected, values type-checked and read-only properties removed. */
export const validateStructure = (value: unknown, typeName: string, name = 'body'): Record<string, unknown> => {
  const type = TYPES[typeName];
  if (!type) throw new Error(`schema.ts has no type ${typeName}`);
  if (!isPlainObject(value)) {
    throw bodyRead(`A node of type 'PrimitiveValue' was read from the JSON reader when trying to read the contents of the property '${name}'; however, a 'StartObject' node was expected.`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key.startsWith('@odata.') || key.includes('@odata.')) continue;
    const spec = type.properties[key];
    if (!spec) {
      throw bodyRead(`The property '${key}' does not exist on type '${type.serviceName}'. Make sure to only use property names that are defined by the type or mark the type as open type.`);
    }
    if (spec.unsupported) {
      throw new GraphError(501, 'NotImplemented', `The Ferry sandbox does not model '${key}' on ${type.serviceName}; Graph would accept it.`);
    }
    if (spec.readOnly) continue;
    out[key] = checkValue(v, spec, key);
  }
  return out;
};
