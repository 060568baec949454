/**
 * The Gmail sandbox's encoded API description (methods' scopes and query parameters, the upload size limit)
 * checked against Google's discovery document in ../shared/api-specs, when that folder is present.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GMAIL_METHOD_SCOPES, GMAIL_PARAMS, GMAIL_STANDARD_PARAMS, MAX_MESSAGE_BYTES, type GmailMethodId } from './mail/methods';

const DOC_PATH = fileURLToPath(new URL('../../../../shared/api-specs/gmail-v1.json', import.meta.url));
const present = existsSync(DOC_PATH);
if (!present) console.warn(`[skipped] Gmail discovery document not found at ${DOC_PATH}: schema conformance not checked`);

interface DocParam {
  type?: string;
  enum?: string[];
  repeated?: boolean;
  location?: string;
}
interface DocMethod {
  scopes: string[];
  parameters?: Record<string, DocParam>;
  mediaUpload?: { maxSize: string; accept: string[] };
}
interface Doc {
  parameters: Record<string, DocParam>;
  resources: { users: { resources: Record<string, { methods: Record<string, DocMethod> }> } };
}

const doc = (present ? JSON.parse(readFileSync(DOC_PATH, 'utf8')) : undefined) as Doc;
const method = (id: GmailMethodId): DocMethod => {
  const [resource, name] = id.split('.') as [string, string];
  return doc.resources.users.resources[resource]!.methods[name]!;
};

describe.skipIf(!present)(`Gmail sandbox matches the discovery document${present ? '' : ' (skipped: ../shared absent)'}`, () => {
  it('each method takes exactly the scopes the document lists', () => {
    for (const [id, scopes] of Object.entries(GMAIL_METHOD_SCOPES)) expect([...scopes].sort(), id).toEqual([...method(id as GmailMethodId).scopes].sort());
  });

  it('each method takes exactly the query parameters the document lists, with their types, enums and repetition', () => {
    for (const [id, specs] of Object.entries(GMAIL_PARAMS) as [GmailMethodId, Record<string, { type: string; enum?: readonly string[]; repeated?: boolean }>][]) {
      const query = Object.entries(method(id).parameters ?? {}).filter(([, p]) => p.location === 'query');
      expect(Object.keys(specs).sort(), id).toEqual(query.map(([n]) => n).sort());
      for (const [name, p] of query) {
        expect(specs[name]!.type, `${id} ${name}`).toBe(p.type);
        expect(specs[name]!.enum ? [...specs[name]!.enum!].sort() : undefined, `${id} ${name} enum`).toEqual(p.enum ? [...p.enum].sort() : undefined);
        expect(specs[name]!.repeated ?? false, `${id} ${name} repeated`).toBe(p.repeated ?? false);
      }
    }
  });

  it('knows the standard parameters it adds, and the import upload limit', () => {
    for (const name of Object.keys(GMAIL_STANDARD_PARAMS)) expect(doc.parameters[name], name).toBeDefined();
    expect(Number(method('messages.import').mediaUpload?.maxSize)).toBe(MAX_MESSAGE_BYTES);
    expect(method('messages.import').mediaUpload?.accept).toEqual(['message/*']);
  });
});
