/**
 * The picker a Picker session's `pickerUri` opens (photos.google.com/picker/<session>[/autoclose]): the
 * library as a list of checkboxes named by file name, "Select all" and "Done". Done marks the session's
 * mediaItemsSet; after it the link no longer works, as Google documents. Tests pick through the same form
 * by HTTP (`item=<id>`… with `action=done`).
 */
import type { SandboxReply, SandboxRequest } from '../../core/types';
import { escapeHtml, html, pathSegments } from '../http';
import type { PickerDeps } from './picker-api';
import type { PickerSession, StoredMediaItem } from './store';

const THUMBNAIL_MAX_BYTES = 64 * 1024;

function thumbnail(item: StoredMediaItem): string {
  if (item.mimeType !== 'image/jpeg' || item.bytes.length > THUMBNAIL_MAX_BYTES) return '';
  return `<img src="data:image/jpeg;base64,${item.bytes.toString('base64')}" alt="" width="32" height="32">`;
}

function page(title: string, body: string, status = 200): SandboxReply {
  return html(
    status,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} - Google Photos</title></head><body><main>${body}</main></body></html>`,
  );
}

function pickerPage(deps: PickerDeps, session: PickerSession, checked: ReadonlySet<string>, message = ''): SandboxReply {
  const rows = deps.library
    .library()
    .map((item) => {
      const box = `<input type="checkbox" name="item" value="${escapeHtml(item.id)}"${checked.has(item.id) ? ' checked' : ''}>`;
      return `<li><label>${box} ${thumbnail(item)} ${escapeHtml(item.filename)}</label></li>`;
    })
    .join('');
  return page(
    'Select photos and videos',
    `<h1>Select photos and videos</h1>${message ? `<p role="alert">${escapeHtml(message)}</p>` : ''}` +
      `<form method="post"><fieldset><legend>Your library (${deps.library.items.size} items)</legend><ul>${rows}</ul></fieldset>` +
      `<button type="submit" name="action" value="select-all">Select all</button> <button type="submit" name="action" value="done">Done</button></form>`,
  );
}

const gone = (): SandboxReply =>
  page('Link no longer works', '<h1>This link no longer works</h1><p>Go back to the app and start picking again.</p>', 404);

export function createPickerPage(deps: PickerDeps) {
  return async (req: SandboxRequest): Promise<SandboxReply | undefined> => {
    const [head, sessionId, mode, ...rest] = pathSegments(req.path);
    if (head !== 'picker' || !sessionId || rest.length || (mode !== undefined && mode !== 'autoclose')) return undefined;
    const session = deps.library.sessions.get(sessionId);
    if (!session || session.deleted || session.picked || deps.now() >= session.expiresAt) return gone();
    if (req.method === 'GET') return pickerPage(deps, session, new Set());
    if (req.method !== 'POST') return page('Error', '<h1>Method not allowed</h1>', 405);
    // Read as a whole: the form repeats `item` once per checked box.
    const form = new URLSearchParams((await req.body()).toString('utf8'));
    const known = new Set(deps.library.items.keys());
    const chosen = [...new Set(form.getAll('item'))].filter((id) => known.has(id));
    if (form.get('action') === 'select-all') return pickerPage(deps, session, known);
    if (form.get('action') !== 'done') return pickerPage(deps, session, new Set(chosen), 'Choose "Select all" or "Done".');
    if (chosen.length === 0) return pickerPage(deps, session, new Set(), 'Select at least one photo or video, then choose Done.');
    const order = deps.library.library().map((item) => item.id);
    session.picked = order.filter((id) => chosen.includes(id));
    const close = mode === 'autoclose' ? '<script>window.close()</script>' : '';
    return page('Done', `<h1>Done</h1><p>${session.picked.length} items selected. You can close this tab.</p>${close}`);
  };
}
