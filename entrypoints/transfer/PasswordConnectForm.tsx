import { useRef, useState } from 'preact/hooks';
import { parseServerUrl } from '../background/auth/server-url';
import { plainHttpHosts } from '../background/build-config';
import type { PasswordCredentialsInput, ProviderView } from '../background/messages';
import { useFocusOnMount } from './useFocusOnMount';

interface Props {
  provider: ProviderView;
  /** Makes the field ids unique when both sides of the page show a form. */
  idPrefix: string;
  connecting: boolean;
  /** The server and user name of an earlier connection, when its password must be typed again. */
  earlier?: { serverUrl?: string; username?: string };
  /** Takes the focus when it appears in place of the control that had it (Reconnect on the progress view). */
  focusOnMount?: boolean;
  onConnect: (credentials: PasswordCredentialsInput) => void;
}

type Help = { service: string; url: string; serverUrl?: string };

const OTHER = '';

/**
 * The connect form of a provider that signs in with an app password (CalDAV, CardDAV, WebDAV): server address,
 * user name, app password, and where the well-known services issue app passwords. The password is not kept on the
 * page once sent.
 */
export function PasswordConnectForm({ provider, idPrefix, connecting, earlier, focusOnMount = false, onConnect }: Props) {
  const help: readonly Help[] = provider.auth.kind === 'password' ? provider.auth.appPasswordHelp : [];
  const [service, setService] = useState(() => help.find((h) => h.serverUrl && h.serverUrl === earlier?.serverUrl)?.service ?? OTHER);
  const [serverUrl, setServerUrl] = useState(earlier?.serverUrl ?? '');
  const [username, setUsername] = useState(earlier?.username ?? '');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<{ field: 'server' | 'username' | 'password'; message: string } | null>(null);
  const id = (name: string) => `${idPrefix}-${name}`;
  const serverField = useRef<HTMLInputElement>(null);
  const passwordField = useRef<HTMLInputElement>(null);
  useFocusOnMount(earlier?.serverUrl && earlier.username ? passwordField : serverField, focusOnMount);

  const pickService = (name: string) => {
    setService(name);
    const picked = help.find((h) => h.service === name);
    if (picked?.serverUrl) setServerUrl(picked.serverUrl);
    if (problem?.field === 'server') setProblem(null);
  };
  const submit = (event: Event) => {
    event.preventDefault();
    if (connecting) return;
    try {
      parseServerUrl(serverUrl, plainHttpHosts);
    } catch (error) {
      return setProblem({ field: 'server', message: (error as Error).message });
    }
    if (!username.trim()) return setProblem({ field: 'username', message: 'Type your user name.' });
    if (!password) return setProblem({ field: 'password', message: 'Type the app password.' });
    setProblem(null);
    onConnect({ serverUrl: serverUrl.trim(), username: username.trim(), password });
    setPassword('');
  };
  const invalid = (field: 'server' | 'username' | 'password') =>
    problem?.field === field ? { 'aria-invalid': 'true' as const, 'aria-describedby': id('problem') } : {};
  const chosen = help.find((h) => h.service === service);

  return (
    <form class="password-form" aria-label={`Connect ${provider.name}`} noValidate onSubmit={submit}>
      {help.length > 0 && (
        <div class="field">
          <label for={id('service')}>Service</label>
          <select id={id('service')} value={service} onChange={(event) => pickService(event.currentTarget.value)}>
            {help.map((h) => (
              <option key={h.service} value={h.service}>
                {h.service}
              </option>
            ))}
            <option value={OTHER}>Another server</option>
          </select>
        </div>
      )}
      <div class="field">
        <label for={id('server-url')}>Server address</label>
        <input
          ref={serverField}
          id={id('server-url')}
          type="url"
          inputMode="url"
          autoComplete="url"
          spellcheck={false}
          placeholder="https://"
          value={serverUrl}
          onInput={(event) => setServerUrl(event.currentTarget.value)}
          {...invalid('server')}
        />
      </div>
      <div class="field">
        <label for={id('username')}>User name</label>
        <input
          id={id('username')}
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellcheck={false}
          value={username}
          onInput={(event) => setUsername(event.currentTarget.value)}
          {...invalid('username')}
        />
      </div>
      <div class="field">
        <label for={id('app-password')}>App password</label>
        <input
          ref={passwordField}
          id={id('app-password')}
          type="password"
          autoComplete="off"
          value={password}
          aria-describedby={problem?.field === 'password' ? `${id('problem')} ${id('password-note')}` : id('password-note')}
          aria-invalid={problem?.field === 'password' ? 'true' : undefined}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        <p id={id('password-note')} class="note">
          An app password is one you create for Ferry alone, not your account's main password. Ferry keeps it encrypted
          on this computer until you disconnect, and needs it again after your browser restarts.
        </p>
      </div>
      {problem && (
        <p id={id('problem')} role="alert" class="field-problem">
          {problem.message}
        </p>
      )}
      <button type="submit" aria-disabled={connecting ? 'true' : undefined}>
        Connect {provider.name}
      </button>
      {connecting && <p class="note">Checking your user name and app password with the server…</p>}
      {help.length > 0 && (
        <div class="app-password-help">
          <h3 id={id('help')}>Where to create an app password</h3>
          <ul aria-labelledby={id('help')}>
            {(chosen ? [chosen] : help).map((h) => (
              <li key={h.service}>
                <a href={h.url} target="_blank" rel="noopener noreferrer">
                  {h.service}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
