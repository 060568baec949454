/** The OneDrive shapes the sandbox uses, held against the Graph v1.0 CSDL when ../shared is present. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { DRIVE_ITEM_PROPERTIES, FILE_SYSTEM_INFO_PROPERTIES, UPLOAD_SESSION_PROPERTIES, UPLOADABLE_PROPERTIES } from './photos/schema';

const CSDL_PATH = fileURLToPath(new URL('../../../../shared/api-specs/microsoft-graph-v1.0-csdl.xml', import.meta.url));
const present = existsSync(CSDL_PATH);
if (!present) console.warn(`[skipped] Graph CSDL not found at ${CSDL_PATH}: OneDrive schema conformance not checked`);

interface XmlType {
  '@_Name': string;
  '@_BaseType'?: string;
  Property?: { '@_Name': string; '@_Type': string }[];
}

function loadTypes(): Map<string, XmlType> {
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['Schema', 'EntityType', 'ComplexType', 'Property'].includes(name) });
  const root = parser.parse(readFileSync(CSDL_PATH, 'utf8')) as { 'edmx:Edmx': { 'edmx:DataServices': { Schema: { EntityType?: XmlType[]; ComplexType?: XmlType[] }[] } } };
  const types = new Map<string, XmlType>();
  for (const schema of root['edmx:Edmx']['edmx:DataServices'].Schema) for (const t of [...(schema.EntityType ?? []), ...(schema.ComplexType ?? [])]) types.set(`graph.${t['@_Name']}`, t);
  return types;
}

/** Properties of a type with those of its base types. */
function propertiesOf(types: Map<string, XmlType>, name: string): Record<string, string> {
  const type = types.get(name);
  if (!type) return {};
  const base = type['@_BaseType'] ? propertiesOf(types, type['@_BaseType'].replace(/^microsoft\./, '')) : {};
  return { ...base, ...Object.fromEntries((type.Property ?? []).map((p) => [p['@_Name'], p['@_Type']])) };
}

describe.skipIf(!present)(`OneDrive shapes match the CSDL${present ? '' : ' (skipped: ../shared absent)'}`, () => {
  const types = present ? loadTypes() : new Map<string, XmlType>();
  it.each([
    ['graph.driveItem', DRIVE_ITEM_PROPERTIES],
    ['graph.driveItemUploadableProperties', UPLOADABLE_PROPERTIES],
    ['graph.fileSystemInfo', FILE_SYSTEM_INFO_PROPERTIES],
    ['graph.uploadSession', UPLOAD_SESSION_PROPERTIES],
  ])('%s: every encoded property exists with the same type', (name, encoded) => {
    const declared = propertiesOf(types, name);
    for (const [property, type] of Object.entries(encoded)) expect(declared[property], `${name}.${property}`).toBe(type);
  });

  it('createUploadSession’s item is encoded in full', () => {
    expect(Object.keys(UPLOADABLE_PROPERTIES).sort()).toEqual(Object.keys(propertiesOf(types, 'graph.driveItemUploadableProperties')).sort());
  });
});
