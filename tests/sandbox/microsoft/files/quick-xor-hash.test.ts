import { describe, expect, it } from 'vitest';
import { QuickXorHash } from './quick-xor-hash';

/** Vectors of the reference implementation (as rclone's onedrive backend checks them). */
const VECTORS: [string, string][] = [
  ['', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA='],
  ['Sg==', 'SgAAAAAAAAAAAAAAAQAAAAAAAAA='],
  ['tbQ=', 'taAFAAAAAAAAAAAAAgAAAAAAAAA='],
  ['2fuxhBJXtpWFe8dOfdGeHw==', 'O9tHLAghgSvYohKFyMMxnNCHaHg='],
  ['NbYXsp5/K6mR+NmHwExjvWeWDJFnXTKWVlzYHoesp2E=', 'wjuAuWDiq04qDt1R8hHWDDcwVoQ='],
  [
    'qwGf2ESubE5jOUHHyc94ORczFYYbc2OmEzo+hBIyzJiNwAzC8PvJqtTzwkWkSslgHFGWQZR2BV5+uYTrYT7HVwRM40vqfj0dBgeDENyTenIOL1LHkjtDKoXEnQ0mXAHoJ8PjbNC93zi5TovVRXTNzfGEs5dpWVqxUzb5lc7dwkyvOluBw482mQ4xrzYyIY1t+//OrNi1ObGXuUw2jBQOFfJVj2Y6BOyYmfB1y36eBxi3zxeG5d5NYjm2GSh6e08QMAwu3zrINcqIzLOuNIiGXBtl7DjKt7b5wqi4oFiRpZsCyx2smhSrdrtK/CkdU6nDN+34vSR/M8rZpWQdBE7a8g==',
    'WYT9JY3JIo/pEBp+tIM6Gt2nyTM=',
  ],
];

describe('quickXorHash', () => {
  it('hashes a large input the same whether fed aligned, misaligned or byte by byte', () => {
    const bytes = Buffer.alloc(100_003);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 7)) & 0xff;
    const whole = new QuickXorHash().update(bytes).digest();
    const misaligned = new QuickXorHash();
    const shifted = Buffer.alloc(bytes.length + 3);
    bytes.copy(shifted, 3);
    for (let i = 0; i < bytes.length; i += 4099) misaligned.update(shifted.subarray(3 + i, 3 + Math.min(bytes.length, i + 4099)));
    const single = new QuickXorHash();
    for (let i = 0; i < bytes.length; i++) single.update(bytes.subarray(i, i + 1));
    expect(misaligned.digest()).toBe(whole);
    expect(single.digest()).toBe(whole);
  });

  it.each(VECTORS)('hashes %s as the reference does, whole and byte by byte', (input, expected) => {
    const bytes = Buffer.from(input, 'base64');
    expect(new QuickXorHash().update(bytes).digest()).toBe(expected);
    const piecewise = new QuickXorHash();
    for (let i = 0; i < bytes.length; i += 7) piecewise.update(bytes.subarray(i, i + 7));
    expect(piecewise.digest()).toBe(expected);
  });
});
