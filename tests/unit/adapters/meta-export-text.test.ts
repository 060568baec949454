/** Instagram's and Facebook's Latin-1 escapes of UTF-8 undone, and nothing else touched. */
import { describe, expect, it } from 'vitest';
import { fixMetaText } from '../../../adapters/meta-export-text';

const asMeta = (text: string): string => Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join('');

describe('fixMetaText', () => {
  it('gives back accents, emoji and scripts', () => {
    for (const text of ['café crème', 'Grandma’s 90th 🎉', 'Дмитрий', '東京', 'naïve — “quoted”']) expect(fixMetaText(asMeta(text))).toBe(text);
  });

  it('keeps ASCII, text already right, and Latin-1 that is not UTF-8', () => {
    expect(fixMetaText('plain text')).toBe('plain text');
    expect(fixMetaText('already café ✓')).toBe('already café ✓');
    expect(fixMetaText('\u00e9t\u00e9')).toBe('\u00e9t\u00e9');
  });
});
