/** What a Nextcloud answer carries that rclone's does not (checksums, creation dates, other prefixes), field by field. */
import { describe, expect, it } from 'vitest';
import { childUrl, davError, pathBelow, serverRoot } from '../../../adapters/webdav/client';
import { fromResource, hashesOf, isSameFile, putHeaders } from '../../../adapters/webdav/files/map';
import { parseMultistatus } from '../../../adapters/webdav/multistatus';
import { webdav } from '../../../adapters/webdav/descriptor';
import { lostFields, modelFieldPaths } from '../../../entrypoints/background/engine/fidelity';
import type { AdapterContext } from '../../../model/adapter';

const NEXTCLOUD = `<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
 <d:response><d:href>/remote.php/dav/files/alice/Docs/</d:href>
  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype><d:getlastmodified>Tue, 05 Mar 2024 06:07:08 GMT</d:getlastmodified></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  <d:propstat><d:prop><d:getcontentlength/><oc:checksums/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
 </d:response>
 <d:response><d:href>/remote.php/dav/files/alice/Docs/Caf%c3%a9%20%231.txt</d:href>
  <d:propstat><d:prop><d:resourcetype/><d:getcontentlength>300</d:getcontentlength><d:getlastmodified>Wed, 06 Mar 2024 06:07:08 GMT</d:getlastmodified>
   <d:creationdate>2024-01-02T03:04:05Z</d:creationdate><d:getcontenttype>text/plain; charset=utf-8</d:getcontenttype><d:getetag>"65e80a1c"</d:getetag>
   <oc:checksums><oc:checksum>SHA1:A94A8FE5CCB19BA61C4C0873D391E987982FBBD3 MD5:098F6BCD4621D373CADE4E832627B4F6 ADLER32:045d01c1</oc:checksum></oc:checksums>
  </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
 </d:response>
</d:multistatus>`;

const ROOT = 'https://cloud.example.org/remote.php/dav/files/alice/';

describe('webdav files map', () => {
  it('reads a Nextcloud listing: the folder, then the file with its checksums, times and type', () => {
    const [folder, file] = parseMultistatus(NEXTCLOUD);
    expect(folder).toEqual({ href: '/remote.php/dav/files/alice/Docs/', isCollection: true, lastModified: 'Tue, 05 Mar 2024 06:07:08 GMT' });
    const path = pathBelow(ROOT, file!.href)!;
    expect(path).toBe('Docs/Café #1.txt');
    expect(fromResource(file!, path, childUrl(ROOT, path))).toEqual({
      kind: 'file',
      path: 'Docs/Café #1.txt',
      name: 'Café #1.txt',
      sizeBytes: 300,
      modified: '2024-03-06T06:07:08.000Z',
      created: '2024-01-02T03:04:05.000Z',
      mimeType: 'text/plain',
      hashes: { sha1: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3', md5: '098f6bcd4621d373cade4e832627b4f6' },
      downloadSource: 'https://cloud.example.org/remote.php/dav/files/alice/Docs/Caf%C3%A9%20%231.txt',
    });
  });

  it('sends the modified time as X-OC-Mtime and a known SHA-1 as OC-Checksum', () => {
    expect(putHeaders({ kind: 'file', path: 'a.txt', name: 'a.txt', sizeBytes: 4, modified: '2024-03-06T06:07:08.900Z', mimeType: 'text/plain', hashes: { sha1: 'abc' } })).toEqual({
      'content-type': 'text/plain',
      'x-oc-mtime': '1709705228',
      'oc-checksum': 'SHA1:abc',
    });
  });

  it('tells the file made before from another one: size, then any hash both sides have', () => {
    const found = { href: '/x', isCollection: false, contentLength: 4, checksums: 'SHA1:ABC' };
    const entry = { kind: 'file' as const, path: 'x', name: 'x', sizeBytes: 4, hashes: {} };
    expect(isSameFile(found, entry)).toBe(true);
    expect(isSameFile(found, { ...entry, hashes: { sha1: 'abc' } })).toBe(true);
    expect(isSameFile(found, { ...entry, hashes: { sha1: 'abd' } })).toBe(false);
    expect(isSameFile(found, { ...entry, sizeBytes: 5 })).toBe(false);
    expect(hashesOf('ADLER32:1 SHA256:FF')).toEqual({ sha256: 'ff' });
  });

  it('ends the server address with a slash and refuses a missing one with a sentence to act on', () => {
    const ctx = (serverUrl?: string) => ({ serverUrl }) as AdapterContext;
    expect(serverRoot(ctx('https://app.koofr.net/dav/Koofr'))).toBe('https://app.koofr.net/dav/Koofr/');
    expect(() => serverRoot(ctx())).toThrow(/No WebDAV server address/);
    expect(() => serverRoot(ctx('cloud example'))).toThrow(/not a web address/);
  });

  it('classifies refusals: a wrong password reconnects, a full server stops, a busy one is retried', () => {
    expect(davError(401, '', 'x', null).details.fatalReason).toBe('reconnect');
    expect(davError(507, '', 'x', null).details.fatalReason).toBe('storage-full');
    expect(davError(503, '', 'x', '7').errorClass).toBe('retry');
    expect(davError(503, '', 'x', '7').details.retryAfterMs).toBe(7000);
    expect(davError(403, '<s:message>Forbidden name</s:message>', 'the upload of .htaccess', null).message).toContain('Forbidden name');
  });

  it('reports a file’s creation time lost to every WebDAV server, and nothing else a file from OneDrive carries', () => {
    const fromOneDrive = { kind: 'file', path: 'a/b.txt', name: 'b.txt', sizeBytes: 3, modified: '2024-01-01T00:00:00Z', created: '2023-01-01T00:00:00Z', mimeType: 'text/plain', hashes: { quickXorHash: 'x' }, downloadSource: 'u' };
    expect(lostFields(fromOneDrive, modelFieldPaths('files'), webdav.dataTypes.files!.import!.fields, [], 'WebDAV')).toEqual([{ field: 'created', reason: 'WebDAV has no place for it' }]);
  });
});
