/** The Photos Library request shapes the sandbox checks, held against photoslibrary-v1.json when ../shared is present. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APPEND_SCOPE, READ_APP_CREATED_SCOPE } from './photos/auth';
import { REQUEST_SCHEMAS, type FieldType } from './photos/json-body';

const DOC_PATH = fileURLToPath(new URL('../../../../shared/api-specs/photoslibrary-v1.json', import.meta.url));
const present = existsSync(DOC_PATH);
if (!present) console.warn(`[skipped] Photos Library discovery document not found at ${DOC_PATH}: schema conformance not checked`);

interface DocProp {
  type?: string;
  format?: string;
  $ref?: string;
  items?: DocProp;
}
interface Doc {
  schemas: Record<string, { properties?: Record<string, DocProp> }>;
  resources: Record<string, { methods: Record<string, { scopes: string[] }> }>;
}
const doc = (present ? JSON.parse(readFileSync(DOC_PATH, 'utf8')) : undefined) as Doc;

function docType(p: DocProp): FieldType {
  if (p.$ref) return { ref: p.$ref as never };
  if (p.type === 'array') return { array: docType(p.items!) };
  return p.type as FieldType;
}

describe.skipIf(!present)(`Photos Library request shapes match the discovery document${present ? '' : ' (skipped: ../shared absent)'}`, () => {
  it('every encoded member exists in the document with the same type', () => {
    for (const [schema, fields] of Object.entries(REQUEST_SCHEMAS)) {
      const props = doc.schemas[schema]?.properties;
      expect(props, schema).toBeDefined();
      for (const [name, type] of Object.entries(fields)) expect(type, `${schema}.${name}`).toEqual(docType(props![name]!));
    }
  });

  it('the request bodies Ferry sends are encoded in full', () => {
    for (const schema of ['BatchCreateMediaItemsRequest', 'NewMediaItem', 'SimpleMediaItem', 'AlbumPosition', 'SearchMediaItemsRequest', 'CreateAlbumRequest'] as const) {
      expect(Object.keys(REQUEST_SCHEMAS[schema]).sort(), schema).toEqual(Object.keys(doc.schemas[schema]!.properties!).sort());
    }
  });

  it('the scopes the sandbox asks for are among those the document lists for each method', () => {
    expect(doc.resources.mediaItems!.methods.batchCreate!.scopes).toContain(APPEND_SCOPE);
    expect(doc.resources.albums!.methods.create!.scopes).toContain(APPEND_SCOPE);
    expect(doc.resources.mediaItems!.methods.search!.scopes).toContain(READ_APP_CREATED_SCOPE);
    expect(doc.resources.albums!.methods.list!.scopes).toContain(READ_APP_CREATED_SCOPE);
  });
});
