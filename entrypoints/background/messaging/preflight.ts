/**
 * The one gate every message to the worker passes before a handler runs: it must come from one of Ferry's own
 * pages, name a request Ferry knows, and carry exactly that request's fields.
 */
import { browser } from 'wxt/browser';
import type { ProviderId } from '../../../model/adapter';
import type { Request } from '../messages';
import { isRequestType, schemaProblem } from './schemas';

/** The pages allowed to talk to the worker (WXT builds entrypoints/<name>/index.html to <name>.html). */
export const FERRY_PAGES = ['popup.html', 'transfer.html'] as const;

/** What the browser says about a message's sender (runtime.MessageSender, the fields that matter here). */
export interface Sender {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { url?: string };
}

export type Preflight = { ok: true; request: Request } | { ok: false; error: string };

export function preflight(message: unknown, sender: Sender, providers: readonly ProviderId[]): Preflight {
  const senderProblem = checkSender(sender);
  if (senderProblem) return refuse(`it did not come from one of Ferry's own pages (${senderProblem})`);
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return refuse('it is not a request');
  const fields = message as Record<string, unknown>;
  if (!isRequestType(fields.type)) return refuse(`Ferry knows no request "${String(fields.type)}"`);
  const problem = schemaProblem(fields.type, fields, providers);
  if (problem) return refuse(problem);
  return { ok: true, request: fields as unknown as Request };
}

function checkSender(sender: Sender): string | undefined {
  if (sender.id !== browser.runtime.id) return 'another extension';
  const base = browser.runtime.getURL('/');
  if (sender.origin !== undefined && `${sender.origin}/` !== base) return `origin ${sender.origin}`;
  if (sender.tab?.url !== undefined && !sender.tab.url.startsWith(base)) return 'a web page';
  if (!sender.url?.startsWith(base)) return 'a web page or content script';
  const page = sender.url.slice(base.length).split(/[?#]/)[0];
  if (!(FERRY_PAGES as readonly string[]).includes(page ?? '')) return `page ${page}`;
  return undefined;
}

function refuse(why: string): Preflight {
  return { ok: false, error: `Ferry's worker refused a request because ${why}. Reload Ferry's page and try again.` };
}
