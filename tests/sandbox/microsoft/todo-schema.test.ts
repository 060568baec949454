/**
 * The To Do types the sandbox validates against (tasks/schema.ts) must match Graph's own CSDL.
 * Needs ../shared/api-specs relative to the repo root; skipped without it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { TODO_ENUMS, TODO_TYPES } from './tasks/schema';

const CSDL = fileURLToPath(new URL('../../../../shared/api-specs/microsoft-graph-v1.0-csdl.xml', import.meta.url));
const present = existsSync(CSDL);
if (!present) console.warn(`[todo-schema.test] SKIPPED: ${CSDL} is absent, so the To Do schema cannot be checked against the CSDL.`);

interface CsdlProperty {
  Name: string;
  Type: string;
  Nullable?: string;
}
interface CsdlType {
  Name: string;
  BaseType?: string;
  Property?: CsdlProperty[];
  NavigationProperty?: CsdlProperty[];
}

function loadCsdl() {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['Schema', 'EntityType', 'ComplexType', 'EnumType', 'Property', 'NavigationProperty', 'Member'].includes(name),
  });
  const doc = parser.parse(readFileSync(CSDL, 'utf8'));
  const schema = (doc['edmx:Edmx']['edmx:DataServices'].Schema as { Namespace: string; EntityType: CsdlType[]; ComplexType: CsdlType[]; EnumType: { Name: string; Member?: { Name: string }[] }[] }[]).find(
    (s) => s.Namespace === 'microsoft.graph',
  )!;
  const types = new Map<string, { kind: string; type: CsdlType }>();
  for (const type of schema.EntityType) types.set(`graph.${type.Name}`, { kind: 'EntityType', type });
  for (const type of schema.ComplexType) types.set(`graph.${type.Name}`, { kind: 'ComplexType', type });
  const properties = (name: string): Map<string, { type: string; nullable: boolean; navigation: boolean }> => {
    const entry = types.get(name);
    if (!entry) return new Map();
    const all = entry.type.BaseType ? properties(entry.type.BaseType) : new Map();
    for (const p of entry.type.Property ?? []) all.set(p.Name, { type: p.Type, nullable: p.Nullable !== 'false', navigation: false });
    for (const p of entry.type.NavigationProperty ?? []) all.set(p.Name, { type: p.Type, nullable: p.Nullable !== 'false', navigation: true });
    return all;
  };
  const enums = new Map(schema.EnumType.map((e) => [`graph.${e.Name}`, (e.Member ?? []).map((m) => m.Name)]));
  return { types, properties, enums };
}

describe.skipIf(!present)('tasks/schema.ts against the Graph v1.0 CSDL', () => {
  const csdl = present ? loadCsdl() : undefined;

  it.each(Object.keys(TODO_TYPES))('%s has the CSDL kind, properties, types and nullability', (name) => {
    const spec = TODO_TYPES[name]!;
    expect(csdl!.types.get(name)?.kind).toBe(spec.kind);
    const mine = Object.fromEntries(
      Object.entries(spec.properties).map(([prop, p]) => [prop, { type: p.collection ? `Collection(${p.type})` : p.type, nullable: p.nullable !== false, navigation: !!p.navigation }]),
    );
    expect(mine).toEqual(Object.fromEntries(csdl!.properties(name)));
  });

  it.each(Object.keys(TODO_ENUMS))('enum %s has the CSDL members in order', (name) => {
    expect(TODO_ENUMS[name]).toEqual(csdl!.enums.get(name));
  });

  it('todoTask has no property that orders tasks, so order cannot be kept in To Do', () => {
    const names = [...csdl!.properties('graph.todoTask').keys(), ...csdl!.properties('graph.checklistItem').keys()];
    expect(names.filter((n) => /order|position|rank|sort/i.test(n))).toEqual([]);
  });
});
