/**
 * The Outlook contact types the sandbox validates against (contacts/schema.ts) must match Graph's CSDL.
 * Needs ../shared/api-specs relative to the repo root; skipped without it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { CONTACT_TYPES } from './contacts/schema';

const CSDL = fileURLToPath(new URL('../../../../shared/api-specs/microsoft-graph-v1.0-csdl.xml', import.meta.url));
const present = existsSync(CSDL);
if (!present) console.warn(`[contacts-schema.test] SKIPPED: ${CSDL} is absent, so the contact schema cannot be checked against the CSDL.`);

interface CsdlType {
  Name: string;
  BaseType?: string;
  Property?: { Name: string; Type: string; Nullable?: string }[];
  NavigationProperty?: { Name: string; Type: string; Nullable?: string }[];
}

function csdlProperties(): (name: string) => Record<string, { type: string; nullable: boolean; navigation: boolean }> {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['Schema', 'EntityType', 'ComplexType', 'Property', 'NavigationProperty'].includes(n) });
  const doc = parser.parse(readFileSync(CSDL, 'utf8'));
  const schema = (doc['edmx:Edmx']['edmx:DataServices'].Schema as { Namespace: string; EntityType: CsdlType[]; ComplexType: CsdlType[] }[]).find((s) => s.Namespace === 'microsoft.graph')!;
  const types = new Map([...schema.EntityType, ...schema.ComplexType].map((t) => [`graph.${t.Name}`, t]));
  const all = (name: string): Record<string, { type: string; nullable: boolean; navigation: boolean }> => {
    const t = types.get(name);
    if (!t) return {};
    const out = t.BaseType ? all(t.BaseType) : {};
    for (const p of t.Property ?? []) out[p.Name] = { type: p.Type, nullable: p.Nullable !== 'false', navigation: false };
    for (const p of t.NavigationProperty ?? []) out[p.Name] = { type: p.Type, nullable: p.Nullable !== 'false', navigation: true };
    return out;
  };
  return all;
}

describe.skipIf(!present)('contacts/schema.ts against the Graph v1.0 CSDL', () => {
  const all = present ? csdlProperties() : undefined;
  it.each(Object.keys(CONTACT_TYPES))('%s has the CSDL properties, types and nullability', (name) => {
    const mine = Object.fromEntries(
      Object.entries(CONTACT_TYPES[name]!.properties).map(([prop, p]) => [prop, { type: p.collection ? `Collection(${p.type})` : p.type, nullable: p.nullable !== false, navigation: !!p.navigation }]),
    );
    expect(mine).toEqual(all!(name));
  });
});
