/** Which JSON beside a Takeout photo is its sidecar, for each way Google names them. */
import { describe, expect, it } from 'vitest';
import { sidecarFor } from '../../../adapters/takeout/photos/sidecar-names';

describe('Takeout sidecar names', () => {
  it('finds the plain and the supplemental-metadata sidecar', () => {
    expect(sidecarFor('IMG_1.jpg', ['IMG_1.jpg.json', 'IMG_12.jpg.json'])).toBe('IMG_1.jpg.json');
    expect(sidecarFor('IMG_12.jpg', ['IMG_1.jpg.json', 'IMG_12.jpg.supplemental-metadata.json'])).toBe('IMG_12.jpg.supplemental-metadata.json');
  });

  it('finds a sidecar whose name Google cut to 51 characters', () => {
    const name = 'PXL_20230701_183000123.NIGHT.PORTRAIT-01.COVER.jpg';
    expect(sidecarFor(name, ['PXL_20230701_183000123.NIGHT.PORTRAIT-01.COVER..json', 'other.jpg.json'])).toBe('PXL_20230701_183000123.NIGHT.PORTRAIT-01.COVER..json');
    expect(sidecarFor(name, ['PXL_20230701_183000123.NIGHT.PORTRAIT-01.COVER.jp.json'])).toBe('PXL_20230701_183000123.NIGHT.PORTRAIT-01.COVER.jp.json');
    expect(sidecarFor('IMG_1.jpg', ['IMG_1.jpg.suppl.json']), 'a short name was never cut').toBeUndefined();
  });

  it('pairs a numbered copy with the sidecar numbered after the extension', () => {
    const jsons = ['IMG.jpg.json', 'IMG.jpg(1).json', 'IMG.jpg.supplemental-metadata(2).json'];
    expect(sidecarFor('IMG.jpg', jsons)).toBe('IMG.jpg.json');
    expect(sidecarFor('IMG(1).jpg', jsons)).toBe('IMG.jpg(1).json');
    expect(sidecarFor('IMG(2).jpg', jsons)).toBe('IMG.jpg.supplemental-metadata(2).json');
    expect(sidecarFor('IMG(3).jpg', jsons)).toBeUndefined();
  });

  it('gives an edited copy its original’s sidecar, in any language Takeout writes', () => {
    const jsons = ['IMG_5.jpg.supplemental-metadata.json'];
    expect(sidecarFor('IMG_5-edited.jpg', jsons)).toBe('IMG_5.jpg.supplemental-metadata.json');
    expect(sidecarFor('IMG_5-bearbeitet.jpg', jsons)).toBe('IMG_5.jpg.supplemental-metadata.json');
  });

  it('takes a file named like a copy by its own sidecar first', () => {
    expect(sidecarFor('IMG(1).jpg', ['IMG(1).jpg.json', 'IMG.jpg(1).json'])).toBe('IMG(1).jpg.json');
  });
});
