import type { SandboxReply } from '../../core/types';

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export const htmlPage = (status: number, title: string, main: string, headers: Record<string, string> = {}): SandboxReply => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 0; background: #f2f2f2; color: #1b1b1b; }
main { max-width: 28rem; margin: 3rem auto; background: #fff; padding: 2rem; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
h1 { font-size: 1.4rem; }
button { font-size: 1rem; padding: .5rem 1.5rem; margin-right: .5rem; }
button[value=approve] { background: #0067b8; color: #fff; border: none; }
</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`,
});
