/**
 * Reading WebDAV multistatus answers as real servers send them (recorded from Radicale 3.1, Xandikos 0.2,
 * and shaped as iCloud and Nextcloud/SabreDAV answer: other prefixes, CDATA, character references, empty sets).
 */
import { describe, expect, it } from 'vitest';
import { childNames, componentNames, hrefsOf, parseMultistatus, preconditionOf, reportNames, textOf } from '../../../adapters/caldav/webdav/xml';

const RADICALE_COLLECTIONS = `<?xml version='1.0' encoding='utf-8'?>
<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CR="urn:ietf:params:xml:ns:carddav" xmlns:CS="http://calendarserver.org/ns/" xmlns:ICAL="http://apple.com/ns/ical/"><response><href>/u/</href><propstat><prop><resourcetype><principal /><collection /></resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat><propstat><prop><displayname /><ICAL:calendar-color /></prop><status>HTTP/1.1 404 Not Found</status></propstat></response><response><href>/u/cal1/</href><propstat><prop><resourcetype><C:calendar /><collection /></resourcetype><displayname>Work ✓</displayname><ICAL:calendar-color>#FF0000ff</ICAL:calendar-color><C:supported-calendar-component-set><C:comp name="VEVENT" /></C:supported-calendar-component-set><supported-report-set><supported-report><report><expand-property /></report></supported-report><supported-report><report><sync-collection /></report></supported-report><supported-report><report><C:calendar-multiget /></report></supported-report></supported-report-set><sync-token>http://radicale.org/ns/sync/3e08</sync-token></prop><status>HTTP/1.1 200 OK</status></propstat><propstat><prop><C:calendar-timezone /></prop><status>HTTP/1.1 404 Not Found</status></propstat></response></multistatus>`;

const ICLOUD_MULTIGET = `<?xml version="1.0" encoding="UTF-8"?>
<multistatus xmlns="DAV:"><response><href>/123456/calendars/home/a%40b.ics</href><propstat><prop><getetag>"C=1@U=x"</getetag><calendar-data xmlns="urn:ietf:params:xml:ns:caldav"><![CDATA[BEGIN:VCALENDAR\r
VERSION:2.0\r
BEGIN:VEVENT\r
UID:a@b\r
SUMMARY:R&D <review>\r
END:VEVENT\r
END:VCALENDAR\r
]]></calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response><response><href>/123456/calendars/home/gone.ics</href><status>HTTP/1.1 404 Not Found</status></response><sync-token>HwoQEgwAAA</sync-token></multistatus>`;

const SABRE_PRINCIPAL = `<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:cal="urn:ietf:params:xml:ns:caldav" xmlns:oc="http://owncloud.org/ns"><d:response><d:href>/remote.php/dav/principals/users/alice/</d:href><d:propstat><d:prop><cal:calendar-home-set><d:href>/remote.php/dav/calendars/alice/</d:href></cal:calendar-home-set><cal:calendar-user-address-set><d:href>mailto:alice@example.com</d:href><d:href>/remote.php/dav/principals/users/alice/</d:href></cal:calendar-user-address-set><d:displayname>Alice &amp; Co&#13;</d:displayname></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>`;

describe('WebDAV XML', () => {
  it('reads a Radicale collection listing: found properties only, types, components, reports, sync token', () => {
    const { resources } = parseMultistatus(RADICALE_COLLECTIONS);
    expect(resources.map((r) => r.href)).toEqual(['/u/', '/u/cal1/']);
    expect(resources[0]!.props).not.toHaveProperty('displayname');
    const cal = resources[1]!.props;
    expect(childNames(cal.resourcetype).sort()).toEqual(['calendar', 'collection']);
    expect(textOf(cal.displayname)).toBe('Work ✓');
    expect(textOf(cal['calendar-color'])).toBe('#FF0000ff');
    expect(componentNames(cal['supported-calendar-component-set'])).toEqual(['VEVENT']);
    expect(reportNames(cal['supported-report-set'])).toEqual(['expand-property', 'sync-collection', 'calendar-multiget']);
    expect(cal).not.toHaveProperty('calendar-timezone');
  });

  it('reads iCloud-style calendar data in CDATA, a removed member with its own status, and the sync token', () => {
    const { resources, syncToken } = parseMultistatus(ICLOUD_MULTIGET);
    expect(syncToken).toBe('HwoQEgwAAA');
    expect(resources[0]!.href).toBe('/123456/calendars/home/a%40b.ics');
    expect(textOf(resources[0]!.props.getetag)).toBe('"C=1@U=x"');
    expect(textOf(resources[0]!.props['calendar-data'])).toMatch(/^BEGIN:VCALENDAR\r?\nVERSION:2.0\r?\nBEGIN:VEVENT\r?\nUID:a@b\r?\nSUMMARY:R&D <review>/);
    expect(resources[1]).toEqual({ href: '/123456/calendars/home/gone.ics', status: 404, props: {} });
  });

  it('reads SabreDAV prefixes, several hrefs in one property and character references', () => {
    const props = parseMultistatus(SABRE_PRINCIPAL).resources[0]!.props;
    expect(hrefsOf(props['calendar-home-set'])).toEqual(['/remote.php/dav/calendars/alice/']);
    expect(hrefsOf(props['calendar-user-address-set'])).toEqual(['mailto:alice@example.com', '/remote.php/dav/principals/users/alice/']);
    expect(textOf(props.displayname)).toBe('Alice & Co\r');
  });

  it('reads an empty multistatus (Xandikos, nothing matched) as no resources', () => {
    expect(parseMultistatus('<ns0:multistatus xmlns:ns0="DAV:" />')).toEqual({ resources: [] });
  });

  it('refuses what is not a multistatus, quoting its start', () => {
    expect(() => parseMultistatus('<html><body>Login</body></html>')).toThrow(/not a WebDAV multistatus \(it starts "<html><body>Login/);
  });

  it('names the precondition of an error body', () => {
    expect(preconditionOf(`<?xml version='1.0' encoding='utf-8'?>\n<error xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><C:no-uid-conflict /></error>`)).toBe('no-uid-conflict');
    expect(preconditionOf('Bad Request')).toBeUndefined();
  });
});
