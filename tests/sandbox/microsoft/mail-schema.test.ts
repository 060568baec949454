/**
 * The message, mailFolder and attachment properties and enums the mail sandbox serves must be Graph's own
 * (CSDL $metadata in ../shared/api-specs). Skipped without that folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_ITEM_PROPERTIES, ENUMS, FILE_ATTACHMENT_PROPERTIES, MAIL_FOLDER_PROPERTIES, MESSAGE_PROPERTIES, MESSAGE_WRITABLE } from './mail/schema';

const CSDL = fileURLToPath(new URL('../../../../shared/api-specs/microsoft-graph-v1.0-csdl.xml', import.meta.url));
const present = existsSync(CSDL);
if (!present) console.warn(`[mail-schema.test] SKIPPED: ${CSDL} is absent, so the mail schema cannot be checked against the CSDL.`);

interface CsdlType {
  Name: string;
  BaseType?: string;
  Property?: { Name: string }[];
  NavigationProperty?: { Name: string }[];
}

const load = () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['Schema', 'EntityType', 'ComplexType', 'EnumType', 'Property', 'NavigationProperty', 'Member'].includes(n) });
  const parsed = parser.parse(readFileSync(CSDL, 'utf8'));
  const schema = (parsed['edmx:Edmx']['edmx:DataServices'].Schema as { Namespace: string; EntityType: CsdlType[]; ComplexType: CsdlType[]; EnumType: { Name: string; Member?: { Name: string }[] }[] }[]).find((s) => s.Namespace === 'microsoft.graph')!;
  const types = new Map([...schema.EntityType, ...schema.ComplexType].map((t) => [`graph.${t.Name}`, t]));
  const properties = (name: string): string[] => {
    const type = types.get(name);
    if (!type) return [];
    return [...(type.BaseType ? properties(type.BaseType) : []), ...(type.Property ?? []).map((p) => p.Name), ...(type.NavigationProperty ?? []).map((p) => p.Name)];
  };
  const enums = new Map(schema.EnumType.map((e) => [`graph.${e.Name}`, (e.Member ?? []).map((m) => m.Name)]));
  return { properties, enums };
};

describe.skipIf(!present)(`mail sandbox schema matches the CSDL${present ? '' : ' (skipped: ../shared absent)'}`, () => {
  const csdl = present ? load() : undefined;
  it.each([
    ['graph.message', [...MESSAGE_PROPERTIES, ...MESSAGE_WRITABLE]],
    ['graph.mailFolder', MAIL_FOLDER_PROPERTIES],
    ['graph.fileAttachment', FILE_ATTACHMENT_PROPERTIES],
    ['graph.attachmentItem', ATTACHMENT_ITEM_PROPERTIES],
  ] as const)('every property served on %s is one of its own', (type, served) => {
    const own = csdl!.properties(type);
    expect(own.length, type).toBeGreaterThan(0);
    for (const p of served) expect(own, `${type}.${p}`).toContain(p);
  });

  it('every enum matches the CSDL', () => {
    for (const [name, values] of Object.entries(ENUMS)) expect([...values].sort(), name).toEqual([...(csdl!.enums.get(name) ?? [])].filter((v) => v !== 'unknownFutureValue').sort());
  });
});
