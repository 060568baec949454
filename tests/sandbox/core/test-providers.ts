/**
 * Two tiny provider sandboxes for the core's own tests: they echo what reached them, check bearer tokens
 * on `/private`, fail on `/boom`, and record seed/dump/reset calls.
 */
import type { ProviderFactory } from '../server';
import type { ProviderName, ProviderSandbox, SandboxReply, SandboxRequest } from './types';

export interface RecordingProvider extends ProviderSandbox {
  calls: string[];
}

export function echoProvider(name: ProviderName, hosts: string[]): ProviderFactory {
  return (ctx) => {
    const calls: string[] = [];
    const errorReply = (status: number, code: string, message: string, headers?: Record<string, string>): SandboxReply => ({
      status,
      ...(headers ? { headers } : {}),
      body: { error: { provider: name, status, code, message } },
    });
    const provider: RecordingProvider = {
      name,
      hosts,
      calls,
      errorReply,
      async handle(req: SandboxRequest) {
        if (req.path === '/boom') throw new Error('handler exploded');
        if (req.path === '/private') {
          const check = ctx.tokens.check(name, req.headers.authorization, ['read']);
          if (!check.ok) return errorReply(401, check.reason, `token ${check.reason}`);
        }
        const body = await req.body();
        return {
          status: 200,
          headers: { 'x-provider': name },
          body: {
            provider: name,
            method: req.method,
            host: req.host,
            path: req.path,
            query: Object.fromEntries(req.query),
            bodyLength: body.length,
            contentType: req.headers['content-type'] ?? null,
            hostUrl: ctx.hostUrl(req.host),
          },
        };
      },
      async seed(dir) {
        calls.push(`seed ${dir}`);
      },
      async dump(dir) {
        calls.push(`dump ${dir}`);
      },
      snapshot: () => ({ provider: name, calls: [...calls] }),
      reset() {
        calls.push('reset');
      },
    };
    return provider;
  };
}

export const testProviders = (): ProviderFactory[] => [
  echoProvider('google', ['alpha.example', 'auth.alpha.example']),
  echoProvider('microsoft', ['beta.example']),
];
