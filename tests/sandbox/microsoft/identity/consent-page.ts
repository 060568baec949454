/** The interactive step of the authorisation request: who asks, for which account, for what. */
import type { SandboxReply } from '../../core/types';
import { ALICE, APP_DISPLAY_NAME } from '../account';
import { escapeHtml, htmlPage } from './html';
import { SCOPE_WORDS } from './scopes';

export const consentPage = (formAction: string, requestId: string, scopes: readonly string[]): SandboxReply => {
  const items = scopes.map((s) => `<li>${escapeHtml(SCOPE_WORDS[s] ?? s)}</li>`).join('\n');
  return htmlPage(
    200,
    `Permissions requested – ${APP_DISPLAY_NAME}`,
    `<h1>${escapeHtml(APP_DISPLAY_NAME)} wants to access your account ${escapeHtml(ALICE.mail)}</h1>
<p>Signed in as <strong>${escapeHtml(ALICE.displayName)}</strong> (${escapeHtml(ALICE.mail)}).</p>
<h2 id="permissions">This will allow ${escapeHtml(APP_DISPLAY_NAME)} to:</h2>
<ul aria-labelledby="permissions">
${items}
</ul>
<p>You can remove these permissions at any time in your account settings.</p>
<form method="post" action="${escapeHtml(formAction)}">
<input type="hidden" name="request" value="${escapeHtml(requestId)}">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
  );
};
