// @vitest-environment happy-dom
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionView, ProviderView } from '../../../entrypoints/background/messages';
import { ConnectionControl } from '../../../entrypoints/transfer/ConnectionControl';
import { PasswordConnectForm } from '../../../entrypoints/transfer/PasswordConnectForm';
import { buttonNamed, textsOf } from './dom-queries';

const CALDAV: ProviderView = {
  id: 'caldav',
  name: 'CalDAV',
  hostPermissions: [],
  auth: {
    kind: 'password',
    appPasswordHelp: [
      { service: 'iCloud', url: 'https://account.apple.com/account/manage', serverUrl: 'https://caldav.icloud.com/' },
      { service: 'Fastmail', url: 'https://app.fastmail.com/settings/security/integrations', serverUrl: 'https://caldav.fastmail.com/' },
      { service: 'Nextcloud', url: 'https://docs.nextcloud.com/server/latest/user_manual/en/session_management.html' },
    ],
  },
  dataTypes: [{ dataType: 'calendar', export: true, import: true }],
};

let root: HTMLElement;
const onConnect = vi.fn();
const onDisconnect = vi.fn();

function show(props: { connection?: ConnectionView; expired?: boolean; earlier?: ConnectionView; connecting?: boolean } = {}) {
  act(() =>
    render(
      h(ConnectionControl, {
        provider: CALDAV,
        connection: props.connection,
        expired: props.expired ?? false,
        connecting: props.connecting ?? false,
        idPrefix: 'source',
        earlier: props.earlier,
        onConnect,
        onDisconnect,
      }),
      root,
    ),
  );
}

/** The control a label names, through its `for`: what a screen reader announces for the field. */
function field(label: string): HTMLInputElement | HTMLSelectElement {
  const element = [...root.querySelectorAll('label')].find((l) => l.textContent?.trim() === label);
  const control = element && root.querySelector<HTMLInputElement | HTMLSelectElement>(`#${element.htmlFor}`);
  if (!control) throw new Error(`no field labelled "${label}"`);
  return control;
}

function type(label: string, value: string) {
  const input = field(label) as HTMLInputElement;
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function submit() {
  act(() => {
    root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  vi.clearAllMocks();
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('the connect form of a password provider', () => {
  it('has labelled fields, a named form and a Connect button', () => {
    show();
    expect(root.querySelector('form')?.getAttribute('aria-label')).toBe('Connect CalDAV');
    expect((field('Server address') as HTMLInputElement).type).toBe('url');
    expect((field('User name') as HTMLInputElement).autocomplete).toBe('username');
    expect((field('App password') as HTMLInputElement).type).toBe('password');
    expect(field('Service').tagName).toBe('SELECT');
    expect(buttonNamed(root, 'Connect CalDAV')?.type).toBe('submit');
  });

  it('links to where each service issues app passwords, opening in a new tab', () => {
    show();
    const links = [...root.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel')]);
    expect(links).toEqual(CALDAV.auth.kind === 'password' ? CALDAV.auth.appPasswordHelp.map((h) => [h.service, h.url, 'noopener noreferrer']) : []);
    expect(textsOf(root, 'h3')).toEqual(['Where to create an app password']);
  });

  it("fills in the server address of the service picked, and shows that service's link", () => {
    show();
    const select = field('Service') as HTMLSelectElement;
    act(() => {
      select.value = 'Fastmail';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect((field('Server address') as HTMLInputElement).value).toBe('https://caldav.fastmail.com/');
    expect([...root.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['Fastmail']);
  });

  it('announces an address it cannot send a password to, marks the field, and sends nothing', () => {
    show();
    type('Server address', 'http://cloud.example.com/');
    type('User name', 'alice');
    type('App password', 'secret');
    submit();

    const alert = root.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Ferry sends your app password only over an encrypted connection.');
    expect(field('Server address').getAttribute('aria-invalid')).toBe('true');
    expect(field('Server address').getAttribute('aria-describedby')).toBe(alert?.id);
    expect(onConnect).not.toHaveBeenCalled();
  });

  it('asks for a missing user name or password', () => {
    show();
    type('Server address', 'https://cloud.example.com/remote.php/dav');
    submit();
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('Type your user name.');
    type('User name', 'alice');
    submit();
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('Type the app password.');
    expect(field('App password').getAttribute('aria-invalid')).toBe('true');
    expect(onConnect).not.toHaveBeenCalled();
  });

  it('sends what was typed, then forgets the password on the page', () => {
    show();
    type('Server address', ' https://cloud.example.com/remote.php/dav ');
    type('User name', 'alice ');
    type('App password', 'abcd-efgh-ijkl-mnop');
    submit();

    expect(onConnect).toHaveBeenCalledWith({ serverUrl: 'https://cloud.example.com/remote.php/dav', username: 'alice', password: 'abcd-efgh-ijkl-mnop' });
    expect((field('App password') as HTMLInputElement).value).toBe('');
    expect(root.querySelector('[role="alert"]')).toBeNull();
  });

  it('fills in the server and user name again when the password is needed anew', () => {
    const earlier: ConnectionView = { provider: 'caldav', account: { id: 'p' }, needsReconnect: true, serverUrl: 'https://caldav.icloud.com/', username: 'alice@icloud.com' };
    show({ expired: true, earlier });
    expect(textsOf(root, 'p.note')[0]).toBe('Ferry needs the app password for CalDAV again (it forgets it when your browser closes).');
    expect((field('Server address') as HTMLInputElement).value).toBe('https://caldav.icloud.com/');
    expect((field('User name') as HTMLInputElement).value).toBe('alice@icloud.com');
    expect((field('Service') as HTMLSelectElement).value).toBe('iCloud');
    expect((field('App password') as HTMLInputElement).value).toBe('');
  });

  it('when connected, names the account and server, and says disconnecting revokes nothing at the server', () => {
    show({ connection: { provider: 'caldav', account: { id: 'p', email: 'alice@example.com' }, needsReconnect: false, serverUrl: 'https://cloud.example.com/remote.php/dav', username: 'alice' } });
    expect(textsOf(root, 'p.connected')).toEqual(['Connected as alice@example.com on cloud.example.com']);
    expect(textsOf(root, 'p.note')[0]).toContain('There is nothing for Ferry to revoke at the server');
    act(() => buttonNamed(root, 'Disconnect CalDAV')!.click());
    expect(onDisconnect).toHaveBeenCalledOnce();
  });

  it('takes the focus where the person types next when it replaces the Reconnect button', () => {
    act(() =>
      render(
        h(PasswordConnectForm, { provider: CALDAV, idPrefix: 'reconnect', connecting: false, focusOnMount: true, earlier: { serverUrl: 'https://caldav.icloud.com/', username: 'alice' }, onConnect }),
        root,
      ),
    );
    expect(document.activeElement).toBe(field('App password'));
    act(() => render(null, root));
    act(() => render(h(PasswordConnectForm, { provider: CALDAV, idPrefix: 'reconnect', connecting: false, focusOnMount: true, onConnect }), root));
    expect(document.activeElement).toBe(field('Server address'));
  });
});
