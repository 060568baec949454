/**
 * The sandbox's encoded Calendar API description (schemas, enums, scopes, query parameters) checked
 * against Google's discovery document in ../shared/api-specs, when that folder is present.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { METHOD_SCOPES } from './calendar/methods';
import { PARAMS, type MethodId, type ParamSpec } from './calendar/query-params';
import { ENUMS, SCHEMAS, type FieldType } from './calendar/schema';
import { CALENDAR_SCOPES } from './oauth/scopes';

const DOC_PATH = fileURLToPath(new URL('../../../../shared/api-specs/calendar-v3.json', import.meta.url));
const present = existsSync(DOC_PATH);
if (!present) console.warn(`[skipped] Google discovery document not found at ${DOC_PATH}: schema conformance not checked`);

interface DocProp {
  type?: string;
  $ref?: string;
  format?: string;
  enum?: string[];
  items?: DocProp;
  additionalProperties?: DocProp;
  properties?: Record<string, DocProp>;
  description?: string;
  repeated?: boolean;
  minimum?: string;
  maximum?: string;
  location?: string;
}
interface DocMethod {
  scopes: string[];
  parameters?: Record<string, DocProp>;
}
interface Doc {
  schemas: Record<string, { properties: Record<string, DocProp> }>;
  resources: Record<string, { methods: Record<string, DocMethod> }>;
  auth: { oauth2: { scopes: Record<string, unknown> } };
}

const doc = (present ? JSON.parse(readFileSync(DOC_PATH, 'utf8')) : undefined) as Doc;

function docType(p: DocProp): FieldType {
  if (p.$ref) return { ref: p.$ref as never };
  if (p.type === 'array') return { array: docType(p.items as DocProp) };
  if (p.type === 'object' && p.additionalProperties) return { map: docType(p.additionalProperties) };
  if (p.type === 'object') return { object: Object.fromEntries(Object.entries(p.properties ?? {}).map(([k, v]) => [k, docType(v)])) };
  if (p.type === 'string' && (p.format === 'date' || p.format === 'date-time')) return p.format;
  return p.type as FieldType;
}

/** Enum values as the document lists them: `enum`, or the `- "value"` lines of the description. */
function docEnum(path: string): string[] {
  const [schema, ...props] = path.split('.');
  let p: DocProp | undefined = { properties: doc.schemas[schema as string]?.properties };
  for (const name of props) p = p?.properties?.[name];
  const described = [...(p?.description ?? p?.items?.description ?? '').matchAll(/- "([^"]+)"/g)].map((m) => m[1] as string);
  return [...(p?.enum ?? p?.items?.enum ?? []), ...described];
}

const docMethod = (id: MethodId): DocMethod => {
  const [resource, method] = id.split('.') as [string, string];
  return doc.resources[resource]?.methods[method] as DocMethod;
};

describe.skipIf(!present)(`encoded schema matches the discovery document${present ? '' : ' (skipped: ../shared absent)'}`, () => {
  it('every encoded property exists in the document with the same type', () => {
    for (const [name, props] of Object.entries(SCHEMAS)) {
      const docProps = doc.schemas[name]?.properties;
      expect(docProps, `schema ${name}`).toBeDefined();
      for (const [prop, type] of Object.entries(props)) {
        expect(docProps?.[prop], `${name}.${prop}`).toBeDefined();
        expect(type, `${name}.${prop}`).toEqual(docType(docProps?.[prop] as DocProp));
      }
    }
  });

  it('every encoded schema has all the properties the document lists', () => {
    for (const [name, props] of Object.entries(SCHEMAS)) {
      expect(Object.keys(props).sort(), name).toEqual(Object.keys(doc.schemas[name]?.properties ?? {}).sort());
    }
  });

  it('every accepted enum value is one the document lists, and none is missing', () => {
    for (const [path, values] of Object.entries(ENUMS)) {
      const listed = docEnum(path);
      expect(listed.length, `${path} lists values`).toBeGreaterThan(0);
      for (const v of values) expect(listed, `${path} = ${v}`).toContain(v);
      expect([...values].sort(), path).toEqual([...new Set(listed)].sort());
    }
  });

  it('each method takes exactly the scopes the document lists', () => {
    for (const [id, scopes] of Object.entries(METHOD_SCOPES)) {
      expect([...scopes].sort(), id).toEqual([...docMethod(id as MethodId).scopes].sort());
    }
  });

  it('each method takes exactly the query parameters the document lists, with their types and enums', () => {
    for (const [id, specs] of Object.entries(PARAMS) as [MethodId, Record<string, ParamSpec>][]) {
      const query = Object.entries(docMethod(id).parameters ?? {}).filter(([, p]) => p.location === 'query');
      expect(Object.keys(specs).sort(), id).toEqual(query.map(([n]) => n).sort());
      for (const [name, p] of query) {
        const spec = specs[name] as ParamSpec;
        const type = p.format === 'date-time' ? 'date-time' : p.type;
        expect(spec.type, `${id} ${name}`).toBe(type);
        expect(spec.enum ? [...spec.enum].sort() : undefined, `${id} ${name} enum`).toEqual(p.enum ? [...p.enum].sort() : undefined);
        expect(spec.repeated ?? false, `${id} ${name} repeated`).toBe(p.repeated ?? false);
        if (p.minimum !== undefined) expect(spec.minimum, `${id} ${name} minimum`).toBe(Number(p.minimum));
        if (p.maximum !== undefined) expect(spec.maximum, `${id} ${name} maximum`).toBe(Number(p.maximum));
      }
    }
    expect(Object.keys(docMethod('events.patch').parameters ?? {}).sort()).toEqual(Object.keys(docMethod('events.update').parameters ?? {}).sort());
  });

  it('the authorisation server knows every Calendar scope of the document', () => {
    expect(Object.keys(CALENDAR_SCOPES).sort()).toEqual(Object.keys(doc.auth.oauth2.scopes).sort());
  });
});
