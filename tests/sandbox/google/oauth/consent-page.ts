/** The consent page: plain HTML with one form, so it works with or without script and under Playwright. */
import { GOOGLE_ACCOUNT } from '../account';
import { escapeHtml } from '../http';
import { describeScope } from './scopes';

export function consentPage(opts: { action: string; requestId: string; appName: string; scopes: readonly string[] }): string {
  const items = [...new Set(opts.scopes.map(describeScope))].map((text) => `      <li>${escapeHtml(text)}</li>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Sign in - Google Accounts</title>
  <style>
    body { font-family: system-ui, sans-serif; margin: 0; background: #f8f9fa; color: #202124; }
    main { max-width: 28rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 8px; }
    .actions { display: flex; gap: 1rem; justify-content: flex-end; margin-top: 2rem; }
    button { font: inherit; padding: .5rem 1.5rem; border-radius: 4px; border: 1px solid #dadce0; cursor: pointer; }
    button[value="approve"] { background: #1a73e8; color: #fff; border-color: #1a73e8; }
  </style>
</head>
<body>
  <main>
    <h1>${escapeHtml(opts.appName)} wants to access your Google Account</h1>
    <p>Signed in as <strong>${escapeHtml(GOOGLE_ACCOUNT.email)}</strong></p>
    <h2 id="scopes-heading">This will allow ${escapeHtml(opts.appName)} to:</h2>
    <ul aria-labelledby="scopes-heading">
${items}
    </ul>
    <form method="post" action="${escapeHtml(opts.action)}">
      <input type="hidden" name="request" value="${escapeHtml(opts.requestId)}">
      <div class="actions">
        <button type="submit" name="decision" value="deny">Deny</button>
        <button type="submit" name="decision" value="approve">Approve</button>
      </div>
    </form>
  </main>
</body>
</html>
`;
}

export function errorPage(code: number, error: string, detail: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Error ${code}: ${escapeHtml(error)}</title></head>
<body>
  <main>
    <h1>Access blocked: this app’s request is invalid</h1>
    <p>Error ${code}: ${escapeHtml(error)}</p>
    <p>${escapeHtml(detail)}</p>
  </main>
</body>
</html>
`;
}
