/**
 * The sandbox's encoded People API schemas (contacts/schema.ts) checked against Google's discovery document
 * in ../shared/api-specs, when that folder is present.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIOGRAPHY_CONTENT_TYPES, PEOPLE_SCHEMAS, PERSON_FIELD_NAMES, READ_SCOPES, WRITE_SCOPES, type PeopleFieldType } from './contacts/schema';

const DOC_PATH = fileURLToPath(new URL('../../../../shared/api-specs/people-v1.json', import.meta.url));
const present = existsSync(DOC_PATH);
if (!present) console.warn(`[skipped] People discovery document not found at ${DOC_PATH}: schema conformance not checked`);

interface DocProp {
  type?: string;
  $ref?: string;
  items?: DocProp;
  enum?: string[];
  description?: string;
}
interface DocMethod {
  scopes: string[];
  parameters?: Record<string, DocProp>;
}
const doc = (present ? JSON.parse(readFileSync(DOC_PATH, 'utf8')) : undefined) as {
  schemas: Record<string, { properties: Record<string, DocProp> }>;
  resources: { people: { methods: Record<string, DocMethod>; resources: { connections: { methods: Record<string, DocMethod> } } } };
};

function docType(p: DocProp): PeopleFieldType {
  if (p.$ref) return { ref: p.$ref as never };
  if (p.type === 'array') return { array: docType(p.items!) };
  return p.type as PeopleFieldType;
}

describe.skipIf(!present)(`People schemas match the discovery document${present ? '' : ' (skipped: ../shared absent)'}`, () => {
  it('every encoded property exists with the same type (typed ones), and Person lists every property', () => {
    for (const [name, props] of Object.entries(PEOPLE_SCHEMAS)) {
      const docProps = doc.schemas[name]?.properties;
      expect(docProps, name).toBeDefined();
      for (const [prop, type] of Object.entries(props)) {
        expect(docProps?.[prop], `${name}.${prop}`).toBeDefined();
        if (type !== 'any') expect(type, `${name}.${prop}`).toEqual(docType(docProps![prop]!));
      }
    }
    expect(Object.keys(PEOPLE_SCHEMAS.Person).sort()).toEqual(Object.keys(doc.schemas.Person!.properties).sort());
  });

  it('the person fields and enums are the documented ones', () => {
    const described = doc.resources.people.resources.connections.methods.list!.parameters!.personFields!.description!;
    const documented = [...described.matchAll(/\* (\w+)/g)].map((m) => m[1]);
    expect([...PERSON_FIELD_NAMES]).toEqual(documented);
    expect([...BIOGRAPHY_CONTENT_TYPES]).toEqual(doc.schemas.Biography!.properties.contentType!.enum);
  });

  it('the scopes are the documented ones', () => {
    const methods = doc.resources.people.methods;
    expect([...WRITE_SCOPES]).toEqual(methods.batchCreateContacts!.scopes);
    expect([...WRITE_SCOPES]).toEqual(methods.updateContactPhoto!.scopes);
    expect([...READ_SCOPES]).toEqual(doc.resources.people.resources.connections.methods.list!.scopes);
  });
});
