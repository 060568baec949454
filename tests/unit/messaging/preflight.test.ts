import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { preflight, type Sender } from '../../../entrypoints/background/messaging/preflight';

const PROVIDERS = ['google', 'microsoft'];
const BASE = 'chrome-extension://test-extension-id/';
const page: Sender = { id: 'test-extension-id', url: `${BASE}transfer.html`, origin: 'chrome-extension://test-extension-id' };
const popup: Sender = { id: 'test-extension-id', url: `${BASE}popup.html` };

const check = (message: unknown, sender: Sender = page) => preflight(message, sender, PROVIDERS);
const refusal = (message: unknown, sender: Sender = page) => {
  const result = check(message, sender);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error;
};

describe('preflight', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each([
    [{ type: 'providers/list' }],
    [{ type: 'connections/list' }],
    [{ type: 'connect', provider: 'google', role: 'source', dataTypes: ['calendar'] }],
    [{ type: 'connect', provider: 'google', role: 'source', dataTypes: ['calendar'], credentials: { serverUrl: 'https://dav.example.com/', username: 'alice', password: 'pw' } }],
    [{ type: 'disconnect', provider: 'microsoft' }],
    [{ type: 'job/start', source: 'google', destination: 'microsoft', dataTypes: ['calendar', 'contacts'] }],
    [{ type: 'job/pause', jobId: '3f0b6c1e-8a2d-4c7e-9f1a-2b3c4d5e6f70' }],
    [{ type: 'job/forget', jobId: 'j_1' }],
    [{ type: 'jobs/list' }],
    [{ type: 'job/get', jobId: 'abc' }],
    [{ type: 'engine/metrics' }],
  ])('accepts %j from Ferry\'s page', (message) => {
    expect(check(message)).toEqual({ ok: true, request: message });
  });

  it('accepts the popup, with a query or fragment on its URL', () => {
    expect(check({ type: 'jobs/list' }, popup).ok).toBe(true);
    expect(check({ type: 'jobs/list' }, { ...page, url: `${BASE}transfer.html?job=1#report` }).ok).toBe(true);
  });

  it.each<[string, Sender]>([
    ['another extension', { ...page, id: 'other-extension' }],
    ['no sender id', { url: page.url }],
    ['a web page', { id: 'test-extension-id', url: 'https://evil.example/transfer.html' }],
    ['a content script in a web tab', { id: 'test-extension-id', url: 'https://evil.example/', tab: { url: 'https://evil.example/' } }],
    ['an extension page in a web tab', { ...page, tab: { url: 'https://evil.example/' } }],
    ['a foreign origin', { ...page, origin: 'https://evil.example' }],
    ['an unknown page of the extension', { ...page, url: `${BASE}sandbox.html` }],
    ['a page name used as a prefix', { ...page, url: `${BASE}transfer.html.evil` }],
    ['a nested path', { ...page, url: `${BASE}assets/transfer.html` }],
    ['no URL', { id: 'test-extension-id' }],
  ])('refuses %s', (_, sender) => {
    expect(refusal({ type: 'jobs/list' }, sender)).toMatch(/did not come from one of Ferry's own pages/);
  });

  it.each([
    [null, 'it is not a request'],
    ['jobs/list', 'it is not a request'],
    [['jobs/list'], 'it is not a request'],
    [{}, 'Ferry knows no request "undefined"'],
    [{ type: 'job/changed', jobId: 'a' }, 'Ferry knows no request "job/changed"'],
    [{ type: 'toString' }, 'Ferry knows no request "toString"'],
    [{ type: '__proto__' }, 'Ferry knows no request "__proto__"'],
  ])('refuses the unknown message %j', (message, why) => {
    expect(refusal(message)).toContain(why);
  });

  it.each([
    [{ type: 'connect', provider: 'dropbox', role: 'source', dataTypes: ['calendar'] }, 'provider to be a known provider id'],
    [{ type: 'connect', provider: 'google', role: 'both', dataTypes: ['calendar'] }, 'role to be "source" or "destination"'],
    [{ type: 'connect', provider: 'google', role: 'source' }, 'dataTypes to be a list'],
    [{ type: 'connect', provider: 'google', role: 'source', dataTypes: [] }, 'dataTypes to be a list'],
    [{ type: 'connect', provider: 'google', role: 'source', dataTypes: ['calendar', 'calendar'] }, 'dataTypes to be a list'],
    [{ type: 'connect', provider: 'google', role: 'source', dataTypes: ['sms'] }, 'dataTypes to be a list'],
    [{ type: 'connect', provider: 'google', role: 'source', dataTypes: 'calendar' }, 'dataTypes to be a list'],
    [{ type: 'connect', provider: 'google', role: 'source', dataTypes: ['calendar'], credentials: 'alice:pw' }, 'credentials to be absent, or an object'],
    [{ type: 'connect', provider: 'google', role: 'source', dataTypes: ['calendar'], credentials: { serverUrl: 'https://a/', username: 'a' } }, 'credentials to be absent, or an object'],
    [{ type: 'connect', provider: 'google', role: 'source', dataTypes: ['calendar'], credentials: { serverUrl: 'https://a/', username: 'a', password: 'p', token: 'x' } }, 'credentials to be absent, or an object'],
    [{ type: 'connect', provider: 'google', role: 'source', dataTypes: ['calendar'], credentials: { serverUrl: 'https://a/', username: 'a', password: 'p'.repeat(2049) } }, 'credentials to be absent, or an object'],
    [{ type: 'job/start', source: 'google', destination: 'microsoft', dataTypes: Array(9).fill('calendar') }, 'dataTypes to be a list'],
    [{ type: 'job/start', source: 'google', dataTypes: ['calendar'] }, 'destination to be a known provider id'],
    [{ type: 'job/get', jobId: 42 }, 'jobId to be a job id'],
    [{ type: 'job/get', jobId: '' }, 'jobId to be a job id'],
    [{ type: 'job/get', jobId: '../../etc' }, 'jobId to be a job id'],
    [{ type: 'job/get', jobId: 'x'.repeat(65) }, 'jobId to be a job id'],
    [{ type: 'jobs/list', jobId: 'a' }, '"jobs/list" takes no field "jobId"'],
    [{ type: 'engine/metrics', reset: true }, '"engine/metrics" takes no field "reset"'],
    [{ type: 'disconnect', provider: 'google', everything: true }, '"disconnect" takes no field "everything"'],
  ])('refuses the malformed %j', (message, why) => {
    expect(refusal(message)).toContain(why);
  });

  it('words a refusal as a sentence a person can act on', () => {
    expect(refusal({ type: 'nope' })).toBe(
      'Ferry\'s worker refused a request because Ferry knows no request "nope". Reload Ferry\'s page and try again.',
    );
  });
});
