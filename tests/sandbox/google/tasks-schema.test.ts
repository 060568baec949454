/**
 * The Tasks sandbox's encoded API description (schemas, scopes, query parameters, limits) checked against
 * Google's discovery document in ../shared/api-specs, when that folder is present.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { METHOD_PARAMS, METHOD_SCOPES } from './tasks/methods';
import { MAX_NOTES, MAX_TITLE, TASK_LIST_SCHEMA, TASK_SCHEMA, TASKS_MAX_RESULTS, LISTS_MAX_RESULTS, type PropertySpec } from './tasks/schema';

const DOC_PATH = fileURLToPath(new URL('../../../../shared/api-specs/tasks-v1.json', import.meta.url));
const present = existsSync(DOC_PATH);
if (!present) console.warn(`[skipped] Tasks discovery document not found at ${DOC_PATH}: tasks schema conformance not checked`);

interface DocProp {
  type?: string;
  $ref?: string;
  readOnly?: boolean;
  description?: string;
}
interface DocMethod {
  httpMethod: string;
  path: string;
  scopes: string[];
  parameters?: Record<string, { location: string; type: string; description?: string }>;
}
interface Doc {
  rootUrl: string;
  schemas: Record<string, { properties: Record<string, DocProp> }>;
  resources: Record<string, { methods: Record<string, DocMethod> }>;
}

const jsonType = (p: DocProp): string => (p.$ref ? 'object' : p.type === 'array' ? 'array' : p.type!);
const outputOnly = (p: DocProp): boolean => Boolean(p.readOnly) || /^Output only|read-only/i.test(p.description ?? '');

describe.skipIf(!present)('tasks sandbox against the Tasks discovery document', () => {
  const doc = present ? (JSON.parse(readFileSync(DOC_PATH, 'utf8')) as Doc) : undefined;
  const method = (id: string) => {
    const [resource, name] = id.split('.') as [string, string];
    return doc!.resources[resource]!.methods[name]!;
  };

  it('serves at tasks.googleapis.com', () => {
    expect(doc!.rootUrl).toBe('https://tasks.googleapis.com/');
  });

  it.each([
    ['Task', TASK_SCHEMA],
    ['TaskList', TASK_LIST_SCHEMA],
  ] as const)('%s has the document’s properties, JSON types and output-only marks', (name, mine: Readonly<Record<string, PropertySpec>>) => {
    const props = doc!.schemas[name]!.properties;
    expect(Object.keys(mine).sort()).toEqual(Object.keys(props).sort());
    for (const [key, p] of Object.entries(props)) {
      expect(mine[key]!.type, `${name}.${key}`).toBe(jsonType(p));
      if (key !== 'id' && key !== 'etag' && key !== 'deleted') expect(Boolean(mine[key]!.readOnly), `${name}.${key} output only`).toBe(outputOnly(p));
    }
  });

  it.each(Object.keys(METHOD_SCOPES))('%s takes the document’s scopes and query parameters', (id) => {
    const m = method(id);
    expect([...METHOD_SCOPES[id as keyof typeof METHOD_SCOPES]].sort()).toEqual([...m.scopes].sort());
    const query = Object.entries(m.parameters ?? {}).filter(([, p]) => p.location === 'query').map(([n]) => n).sort();
    expect(Object.keys(METHOD_PARAMS[id as keyof typeof METHOD_PARAMS]).sort()).toEqual(query);
  });

  it('enforces the limits the descriptions state', () => {
    expect(method('tasks.list').parameters!.maxResults!.description).toContain(`max allowed: ${TASKS_MAX_RESULTS}`);
    expect(method('tasklists.list').parameters!.maxResults!.description).toContain(`max allowed: ${LISTS_MAX_RESULTS}`);
    expect(doc!.schemas.Task!.properties.title!.description).toContain(`${MAX_TITLE} characters`);
    expect(doc!.schemas.Task!.properties.notes!.description).toContain(`${MAX_NOTES} characters`);
  });
});
