import https from 'node:https';
import type { ProviderName } from '../sandbox/core/types';

export interface LoggedRequest {
  t: number;
  provider: ProviderName;
  method: string;
  host: string;
  path: string;
  status: number;
  fault?: string;
}

export interface Fault {
  provider: ProviderName;
  kind: 'status' | 'drop' | 'slow' | 'expire-tokens' | 'revoke-grants';
  pathPattern?: string;
  method?: string;
  status?: number;
  retryAfter?: { seconds: number; date?: boolean };
  delayMs?: number;
  count?: number;
  afterRequests?: number;
}

/** The sandbox's control API (`/__sandbox/…`), as a tester uses it from Node. */
export class SandboxControl {
  constructor(readonly origin: string) {}

  reset(): Promise<unknown> {
    return this.call('POST', '/__sandbox/reset');
  }
  /** Forgets the requests counted against the providers' rate limits; their content stays. */
  resetLimits(): Promise<unknown> {
    return this.call('POST', '/__sandbox/limits/reset');
  }
  addFault(fault: Fault): Promise<unknown> {
    return this.call('POST', '/__sandbox/faults', fault);
  }
  clearFaults(): Promise<unknown> {
    return this.call('DELETE', '/__sandbox/faults');
  }
  log(provider?: ProviderName): Promise<LoggedRequest[]> {
    return this.call('GET', `/__sandbox/log${provider ? `?provider=${provider}` : ''}`) as Promise<LoggedRequest[]>;
  }
  snapshot<T = unknown>(provider: ProviderName): Promise<T> {
    return this.call('GET', `/__sandbox/snapshot?provider=${provider}`) as Promise<T>;
  }
  seed(provider: ProviderName, dir: string): Promise<unknown> {
    return this.call('POST', '/__sandbox/seed', { provider, dir });
  }
  dump(provider: ProviderName, dir: string): Promise<unknown> {
    return this.call('POST', '/__sandbox/dump', { provider, dir });
  }

  private call(method: string, path: string, body?: unknown): Promise<unknown> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = https.request(
        new URL(path, this.origin),
        {
          method,
          rejectUnauthorized: false,
          headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if ((res.statusCode ?? 500) >= 400) {
              reject(new Error(`sandbox ${method} ${path} → ${res.statusCode}: ${text}`));
              return;
            }
            resolve(text ? JSON.parse(text) : null);
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }
}
