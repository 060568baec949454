/**
 * The property names, types and enums the sandbox validates against (calendar/schema.ts) must match
 * Graph's own CSDL ($metadata). Needs ../shared/api-specs relative to the repo root; skipped without it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ENUMS, TYPES } from './calendar/schema';

const CSDL = fileURLToPath(new URL('../../../../shared/api-specs/microsoft-graph-v1.0-csdl.xml', import.meta.url));
const present = existsSync(CSDL);
if (!present) console.warn(`[schema.test] SKIPPED: ${CSDL} is absent, so the Graph schema cannot be checked against the CSDL.`);

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

const loadCsdl = () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['Schema', 'EntityType', 'ComplexType', 'EnumType', 'Property', 'NavigationProperty', 'Member'].includes(name),
  });
  const doc = parser.parse(readFileSync(CSDL, 'utf8'));
  const schema = (doc['edmx:Edmx']['edmx:DataServices'].Schema as { Namespace: string }[]).find((s) => s.Namespace === 'microsoft.graph') as unknown as {
    EntityType: CsdlType[];
    ComplexType: CsdlType[];
    EnumType: { Name: string; Member?: { Name: string }[] }[];
  };
  const types = new Map<string, { kind: 'EntityType' | 'ComplexType'; type: CsdlType }>();
  for (const type of schema.EntityType) types.set(`graph.${type.Name}`, { kind: 'EntityType', type });
  for (const type of schema.ComplexType) types.set(`graph.${type.Name}`, { kind: 'ComplexType', type });
  const enums = new Map(schema.EnumType.map((e) => [`graph.${e.Name}`, (e.Member ?? []).map((m) => m.Name)]));
  /** Every property of a type with its base types', as `{name: {type, nullable, navigation}}`. */
  const allProperties = (name: string): Map<string, { type: string; nullable: boolean; navigation: boolean }> => {
    const entry = types.get(name);
    if (!entry) return new Map();
    const inherited = entry.type.BaseType ? allProperties(entry.type.BaseType) : new Map();
    for (const p of entry.type.Property ?? []) inherited.set(p.Name, { type: p.Type, nullable: p.Nullable !== 'false', navigation: false });
    for (const p of entry.type.NavigationProperty ?? []) inherited.set(p.Name, { type: p.Type, nullable: p.Nullable !== 'false', navigation: true });
    return inherited;
  };
  return { types, enums, allProperties };
};

describe.skipIf(!present)('calendar/schema.ts against the Graph v1.0 CSDL', () => {
  const csdl = present ? loadCsdl() : undefined;

  it.each(Object.keys(TYPES))('%s has the CSDL kind, properties, types and nullability', (name) => {
    const spec = TYPES[name]!;
    expect(csdl!.types.get(name)?.kind).toBe(spec.kind);
    const actual = csdl!.allProperties(name);
    const mine = Object.fromEntries(
      Object.entries(spec.properties).map(([prop, p]) => [prop, { type: p.collection ? `Collection(${p.type})` : p.type, nullable: p.nullable !== false, navigation: !!p.navigation }]),
    );
    expect(mine).toEqual(Object.fromEntries(actual));
  });

  it.each(Object.keys(ENUMS))('enum %s has the CSDL members in order', (name) => {
    expect(ENUMS[name]).toEqual(csdl!.enums.get(name));
  });

  it('names every graph type its properties use, unless the property is not modelled', () => {
    for (const spec of Object.values(TYPES)) {
      for (const [prop, p] of Object.entries(spec.properties)) {
        if (!p.type.startsWith('graph.') || p.unsupported || (p.navigation && p.readOnly)) continue;
        expect(TYPES[p.type] ?? ENUMS[p.type], `${spec.serviceName}.${prop}: ${p.type}`).toBeDefined();
      }
    }
  });
});
