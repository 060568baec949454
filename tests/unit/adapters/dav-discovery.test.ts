/**
 * Discovery from the address a person types, and the classification of refusals, against recorded answers:
 * Radicale (well-known redirect to the root), Nextcloud (the typed DAV URL, a scheduling default calendar),
 * iCloud (principal on the typed host, homes on a partition host).
 */
import { describe, expect, it } from 'vitest';
import { caldav } from '../../../adapters/caldav/descriptor';
import { davError, davRequest } from '../../../adapters/caldav/client';
import { discoverAccount } from '../../../adapters/caldav/webdav/discovery';
import { AdapterError, type AdapterContext } from '../../../model/adapter';

type Route = { status: number; body?: string; headers?: Record<string, string> };

function recorded(routes: Record<string, Route>): { ctx: AdapterContext; asked: string[] } {
  const asked: string[] = [];
  const ctx: AdapterContext = {
    account: '',
    url: (u) => u,
    fetch: async (url, init) => {
      const key = `${init?.method ?? 'GET'} ${url}`;
      asked.push(key);
      const route = routes[key];
      if (!route) return new Response('Not Found', { status: 404 });
      return new Response(route.body ?? '', { status: route.status, headers: route.headers });
    },
  };
  return { ctx, asked };
}

const principalAnswer = (href: string, principal: string) =>
  `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"><d:response><d:href>${href}</d:href><d:propstat><d:prop><d:current-user-principal><d:href>${principal}</d:href></d:current-user-principal></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>`;

describe('CalDAV discovery', () => {
  it('Radicale: /.well-known/caldav redirects to the root, which names the principal; the principal names the home', async () => {
    const { ctx, asked } = recorded({
      'PROPFIND http://127.0.0.1:5232/.well-known/caldav': { status: 301, headers: { location: '/' } },
      'PROPFIND http://127.0.0.1:5232/': { status: 207, body: principalAnswer('/', '/u/') },
      'PROPFIND http://127.0.0.1:5232/u/': {
        status: 207,
        body: `<?xml version='1.0' encoding='utf-8'?><multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>/u/</href><propstat><prop><C:calendar-home-set><href>/u/</href></C:calendar-home-set></prop><status>HTTP/1.1 200 OK</status></propstat><propstat><prop><displayname /><C:schedule-default-calendar-URL /></prop><status>HTTP/1.1 404 Not Found</status></propstat></response></multistatus>`,
      },
    });
    ctx.serverUrl = 'http://127.0.0.1:5232';
    expect(await discoverAccount(ctx, 'caldav')).toEqual({ principal: 'http://127.0.0.1:5232/u/', home: 'http://127.0.0.1:5232/u/' });
    expect(asked).toEqual(['PROPFIND http://127.0.0.1:5232/.well-known/caldav', 'PROPFIND http://127.0.0.1:5232/', 'PROPFIND http://127.0.0.1:5232/u/']);
  });

  it('Nextcloud: the typed DAV URL answers first; name, e-mail and the default calendar come from the principal', async () => {
    const { ctx } = recorded({
      'PROPFIND https://cloud.example.com/remote.php/dav/': { status: 207, body: principalAnswer('/remote.php/dav/', '/remote.php/dav/principals/users/alice/') },
      'PROPFIND https://cloud.example.com/remote.php/dav/principals/users/alice/': {
        status: 207,
        body: `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" xmlns:cal="urn:ietf:params:xml:ns:caldav"><d:response><d:href>/remote.php/dav/principals/users/alice/</d:href><d:propstat><d:prop><d:displayname>Alice</d:displayname><cal:calendar-home-set><d:href>/remote.php/dav/calendars/alice/</d:href></cal:calendar-home-set><cal:calendar-user-address-set><d:href>mailto:alice%40example.com</d:href></cal:calendar-user-address-set><cal:schedule-default-calendar-URL><d:href>/remote.php/dav/calendars/alice/personal/</d:href></cal:schedule-default-calendar-URL></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>`,
      },
    });
    ctx.serverUrl = 'cloud.example.com/remote.php/dav';
    ctx.account = '';
    expect(await caldav.accountInfo(ctx)).toEqual({ id: 'https://cloud.example.com/remote.php/dav/principals/users/alice/', name: 'Alice', email: 'alice@example.com' });
    expect((await discoverAccount(ctx, 'caldav')).defaultCalendar).toBe('https://cloud.example.com/remote.php/dav/calendars/alice/personal/');
  });

  it('iCloud: the home lives on another host, named by an absolute URL', async () => {
    const { ctx } = recorded({
      'PROPFIND https://caldav.icloud.com/.well-known/caldav': { status: 207, body: principalAnswer('/', '/123456/principal/') },
      'PROPFIND https://caldav.icloud.com/123456/principal/': {
        status: 207,
        body: `<?xml version="1.0" encoding="UTF-8"?><multistatus xmlns="DAV:"><response><href>/123456/principal/</href><propstat><prop><calendar-home-set xmlns="urn:ietf:params:xml:ns:caldav"><href xmlns="DAV:">https://p42-caldav.icloud.com:443/123456/calendars/</href></calendar-home-set></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>`,
      },
    });
    ctx.serverUrl = 'https://caldav.icloud.com';
    expect((await discoverAccount(ctx, 'caldav')).home).toBe('https://p42-caldav.icloud.com/123456/calendars/');
  });

  it('a refused password asks to reconnect, before any other address is tried', async () => {
    const { ctx, asked } = recorded({ 'PROPFIND https://dav.example.org/.well-known/caldav': { status: 401, body: 'Unauthorized' } });
    ctx.serverUrl = 'https://dav.example.org/';
    const error = (await discoverAccount(ctx, 'caldav').catch((e: unknown) => e)) as AdapterError;
    expect(error).toBeInstanceOf(AdapterError);
    expect([error.errorClass, error.details.fatalReason]).toEqual(['fatal', 'reconnect']);
    expect(error.message).toMatch(/dav\.example\.org did not accept the user name and app password/);
    expect(asked).toHaveLength(1);
  });

  it('a server that is not CalDAV, or no address at all, says what to type', async () => {
    const { ctx } = recorded({});
    ctx.serverUrl = 'https://www.example.org';
    await expect(discoverAccount(ctx, 'carddav')).rejects.toThrow(/www\.example\.org does not answer as a CardDAV server at https:\/\/www\.example\.org\/\. Check the address/);
    delete ctx.serverUrl;
    await expect(discoverAccount(ctx, 'caldav')).rejects.toMatchObject({ errorClass: 'fatal', details: { fatalReason: 'reconnect' } });
  });
});

describe('CalDAV refusals', () => {
  const classify = (status: number, body = '', retryAfter?: string) => {
    const e = davError(status, body, 'https://dav.example.org/cal/x.ics', 'saving "Lunch"', retryAfter, Date.UTC(2025, 0, 1));
    return { errorClass: e.errorClass, fatalReason: e.details.fatalReason, retryAfterMs: e.details.retryAfterMs, code: e.details.providerCode, message: e.message };
  };

  it('401 reconnect, 403 forbidden, 507 storage full, 429/503 retry with Retry-After, others skip with the precondition', () => {
    expect(classify(401)).toMatchObject({ errorClass: 'fatal', fatalReason: 'reconnect' });
    expect(classify(403)).toMatchObject({ errorClass: 'fatal', fatalReason: 'forbidden', message: expect.stringMatching(/refused saving "Lunch" \(HTTP 403 Forbidden\)/) });
    expect(classify(507)).toMatchObject({ errorClass: 'fatal', fatalReason: 'storage-full', message: expect.stringMatching(/is full/) });
    expect(classify(429, '', '7')).toMatchObject({ errorClass: 'retry', retryAfterMs: 7000 });
    expect(classify(503, '', 'Wed, 01 Jan 2025 00:00:30 GMT')).toMatchObject({ errorClass: 'retry', retryAfterMs: 30_000 });
    const invalid = `<d:error xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><c:valid-calendar-data/></d:error>`;
    expect(classify(403, invalid)).toMatchObject({ errorClass: 'skip', code: 'valid-calendar-data' });
    expect(classify(415)).toMatchObject({ errorClass: 'skip' });
  });

  it('a status the caller handles (412 on a conditional PUT) resolves instead of throwing', async () => {
    const { ctx } = recorded({ 'PUT https://dav.example.org/cal/x.ics': { status: 412 } });
    expect((await davRequest(ctx, 'PUT', 'https://dav.example.org/cal/x.ics', 'saving', { body: 'x', accept: [412] })).status).toBe(412);
    await expect(davRequest(ctx, 'PUT', 'https://dav.example.org/cal/x.ics', 'saving', { body: 'x' })).rejects.toMatchObject({ errorClass: 'skip', details: { status: 412 } });
  });
});
