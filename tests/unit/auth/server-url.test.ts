import { describe, expect, it } from 'vitest';
import { isServerHost, parseServerUrl, serverHostPermissions } from '../../../entrypoints/background/auth/server-url';

describe('server address of a password connection', () => {
  it('takes https addresses, trimmed and without a fragment', () => {
    expect(parseServerUrl('  https://cloud.example.com/remote.php/dav#x ', []).href).toBe('https://cloud.example.com/remote.php/dav');
  });

  it('takes plain http only for the hosts the build allows', () => {
    expect(parseServerUrl('http://127.0.0.1:5232/', ['127.0.0.1']).href).toBe('http://127.0.0.1:5232/');
    expect(() => parseServerUrl('http://127.0.0.1:5232/', [])).toThrow('Type the address with https:// instead of http://.');
    expect(() => parseServerUrl('http://cloud.example.com/', ['127.0.0.1'])).toThrow('only over an encrypted connection');
  });

  it('refuses what is not a web server address, or carries credentials', () => {
    expect(() => parseServerUrl('', [])).toThrow("Type your server's address, starting with https://.");
    expect(() => parseServerUrl('cloud.example.com', [])).toThrow('"cloud.example.com" is not a web address.');
    expect(() => parseServerUrl('ftp://cloud.example.com/', [])).toThrow("is not a web server's address");
    expect(() => parseServerUrl('https://alice:secret@cloud.example.com/', [])).toThrow('not inside the server address');
  });

  it("asks for the server's own host, plus the provider's family of hosts it belongs to, and nothing else", () => {
    const family = ['https://*.icloud.com/*', 'https://*.fastmail.com/*'];
    expect(serverHostPermissions(new URL('https://caldav.icloud.com/'), family)).toEqual(['https://caldav.icloud.com/*', 'https://*.icloud.com/*']);
    expect(serverHostPermissions(new URL('https://cloud.example.com:8443/dav'), family)).toEqual(['https://cloud.example.com/*']);
    expect(serverHostPermissions(new URL('http://127.0.0.1:5232/'), family)).toEqual(['http://127.0.0.1/*']);
  });

  it('sends the password only to those hosts, on their own scheme', () => {
    const hosts = ['https://caldav.icloud.com/*', 'https://*.icloud.com/*'];
    expect(isServerHost('https://p07-caldav.icloud.com/123/calendars/', hosts)).toBe(true);
    expect(isServerHost('https://icloud.com/', hosts)).toBe(true);
    expect(isServerHost('http://caldav.icloud.com/', hosts)).toBe(false);
    expect(isServerHost('https://evil-icloud.com/', hosts)).toBe(false);
    expect(isServerHost('not a url', hosts)).toBe(false);
  });
});
