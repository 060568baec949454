/**
 * model/contact-vcard.ts: vCard 4.0 written and read back field by field; vCard 2.1 and 3.0 as real exporters
 * write them (QUOTED-PRINTABLE, charsets, bare TYPE parameters, folded base64 photos, nested cards); a
 * malformed card or property becomes a problem naming it, never a failed file. The real-world files in
 * ../shared/fixtures/contacts are read when present.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePartialDate, parseVCardFile, writeVCardFile } from '../../model/contact-vcard';
import { CANONICAL_CONTACTS } from '../conformance/contacts-fixtures';

const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/contacts', import.meta.url));
const fixturesPresent = existsSync(FIXTURES);
if (!fixturesPresent) console.warn(`[skipped] ${FIXTURES} absent: real-world vCard files not read`);
const fixture = (path: string) => parseVCardFile(readFileSync(join(FIXTURES, path)), path);

describe('vCard 4.0 round trip', () => {
  it('writes every field and reads it back unchanged, photo bytes included', () => {
    const text = writeVCardFile(CANONICAL_CONTACTS);
    expect(text).toContain('VERSION:4.0');
    expect(text).toContain('BDAY:--1209');
    expect(text).toContain('X-PHONETIC-MIDDLE-NAME:KING');
    const back = parseVCardFile(text);
    expect(back.problems).toEqual([]);
    expect(back.entries.map((e) => e.contact)).toEqual(CANONICAL_CONTACTS.map((e) => e.contact));
    expect(back.entries[0]!.photo).toEqual(CANONICAL_CONTACTS[0]!.photo);
  });

  it('reads partial dates in every spelling', () => {
    expect(parsePartialDate('1980-02-03')).toEqual({ year: 1980, month: 2, day: 3 });
    expect(parsePartialDate('19800203')).toEqual({ year: 1980, month: 2, day: 3 });
    expect(parsePartialDate('--0203')).toEqual({ month: 2, day: 3 });
    expect(parsePartialDate('--02-03')).toEqual({ month: 2, day: 3 });
    expect(parsePartialDate('1604-02-03', '1604')).toEqual({ month: 2, day: 3 });
    expect(parsePartialDate('1980-13-03')).toBeUndefined();
  });
});

describe('vCard 2.1 and 3.0 as exporters write them', () => {
  it('decodes QUOTED-PRINTABLE soft breaks, charsets and bare TYPE parameters', () => {
    const card = [
      'BEGIN:VCARD', 'VERSION:2.1', 'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;',
      'TEL;WORK;VOICE:+49 30 1234', 'TEL;CELL;PREF:+49 170 1234', 'EMAIL;INTERNET;HOME:j@example.com',
      'NOTE;ENCODING=QUOTED-PRINTABLE:line one=0D=0A=', 'line two, with comma', 'BDAY:19750820', 'END:VCARD',
    ].join('\r\n');
    const { entries, problems } = parseVCardFile(card);
    expect(problems).toEqual([]);
    const c = entries[0]!.contact;
    expect(c.name).toMatchObject({ family: 'Müller', given: 'Jürgen', formatted: 'Jürgen Müller' });
    expect(c.phones).toEqual([{ value: '+49 30 1234', types: ['work'] }, { value: '+49 170 1234', types: ['cell'], preferred: true }]);
    expect(c.emails).toEqual([{ value: 'j@example.com', types: ['home'] }]);
    expect(c.note).toBe('line one\nline two, with comma');
    expect(c.birthday).toEqual({ year: 1975, month: 8, day: 20 });
  });

  it('reports a card with a broken photo and keeps the rest of it; reads the next card', () => {
    const text = ['BEGIN:VCARD', 'VERSION:2.1', 'FN:Broken', 'PHOTO;ENCODING=BASE64;TYPE=JPEG:qgEP:ASDF==', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:Fine', 'END:VCARD'].join('\r\n');
    const { entries, problems } = parseVCardFile(text, 'broken.vcf');
    expect(entries.map((e) => e.contact.name.formatted)).toEqual(['Broken', 'Fine']);
    expect(entries[0]!.photo).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ card: 1, skipped: false, message: expect.stringMatching(/photo of "Broken" could not be read/) })]);
  });

  it('names a card cut short by the end of the file', () => {
    const { entries, problems } = parseVCardFile('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut\r\n', 'cut.vcf');
    expect(entries[0]!.contact.name.formatted).toBe('Cut');
    expect(problems[0]!.message).toMatch(/Card 1 of cut\.vcf has no END:VCARD/);
  });
});

describe.skipIf(!fixturesPresent)(`real-world files${fixturesPresent ? '' : ' (skipped: ../shared absent)'}`, () => {
  it('reads every fixture file without throwing, each card or a problem naming it', () => {
    for (const source of readdirSync(FIXTURES)) {
      for (const file of readdirSync(join(FIXTURES, source)).filter((f) => f.endsWith('.vcf'))) {
        const { entries, problems } = fixture(join(source, file));
        expect(entries.length + problems.filter((p) => p.skipped).length, file).toBeGreaterThan(0);
        for (const e of entries) expect(typeof e.contact.name.formatted, file).toBe('string');
      }
    }
  });

  it('reads Android’s Shift_JIS vCard 2.1 and its nested cards', () => {
    expect(fixture('android-vcard/v21_japanese_2.vcf').entries[0]!.contact).toMatchObject({ name: { family: '安藤', given: 'ロイド1' }, note: 'メモ' });
    expect(fixture('android-vcard/v21_nest.vcf').entries.map((e) => e.contact.name.family)).toEqual(['parent', 'nest1', 'nest2']);
    expect(fixture('android-vcard/v21_invalid_comment_line.vcf').entries[0]!.contact.note).toBe('This is an (sharp ->#<- sharp) example. This message must NOT be ignored.');
  });

  it('reads Gmail’s phonetic names and Apple’s folded base64 photo', () => {
    expect(fixture('ez-vcard/gmail-single2.vcf').entries[0]!.contact.name).toMatchObject({ phoneticGiven: 'ThePhoneticFirstName', phoneticFamily: 'ThePhoneticLastName' });
    const mac = fixture('ez-vcard/John_Doe_MAC_ADDRESS_BOOK.vcf').entries[0]!;
    expect(mac.photo && 'bytes' in mac.photo && [...mac.photo.bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
  });

  it('reports the malformed photos of the malformed fixtures', () => {
    expect(fixture('android-vcard/v21_malformed_photo.vcf').problems[0]!.message).toMatch(/not valid base64/);
    expect(fixture('ez-vcard/John_Doe_BLACK_BERRY.vcf').problems).toHaveLength(1);
  });
});
