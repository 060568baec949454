/** Every message from Ferry's pages: preflight, then its handler, always answered with a Reply, never a throw. */
import type { Reply, Request, RequestType } from '../messages';
import { createHandlers, type HandlerDeps, type Handlers } from './handlers';
import { preflight, type Sender } from './preflight';

export type { HandlerDeps } from './handlers';
export type { TransferEngine, StartJob } from './engine-port';
export { isFinished, POLL_VIEW_AGE_MS, usesProvider } from './engine-port';

export function createMessageHandler(deps: HandlerDeps): (message: unknown, sender: Sender) => Promise<Reply<RequestType>> {
  const handlers = createHandlers(deps);
  const ids = deps.providers.map((p) => p.id);
  return async (message, sender) => {
    const checked = preflight(message, sender, ids);
    if (!checked.ok) return checked;
    try {
      return { ok: true, value: await dispatch(handlers, checked.request) };
    } catch (error) {
      return { ok: false, error: sentence(error) };
    }
  };
}

function dispatch(handlers: Handlers, request: Request): Promise<Reply<RequestType> extends { value: infer V } ? V : never> {
  const handler = handlers[request.type] as (request: Request) => Promise<never>;
  return handler(request);
}

function sentence(error: unknown): string {
  const message = error instanceof Error ? error.message.trim() : '';
  if (message) return message;
  console.error('Ferry: a request failed without a message', error);
  return 'Something went wrong inside Ferry. Reload the page and try again.';
}
