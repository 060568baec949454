/**
 * A real server a test starts itself (Radicale, Xandikos, rclone): found on the machine or failed with the command
 * that installs it (CI installs them, so these tests never skip silently), started on 127.0.0.1, waited for until it
 * answers, and stopped. Its last output goes into every error, as that is where a server says why it did not start.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

export interface LocalServer {
  /** Stops the server: SIGTERM, then SIGKILL when it has not exited after 3 s. */
  stop(): Promise<void>;
}

/** The path of `binary` (a path, or a name looked up on PATH). */
export function installedBinary(binary: string, aptPackage = binary): string {
  const found = binary.includes('/') ? (existsSync(binary) ? binary : undefined) : (process.env.PATH ?? '').split(delimiter).map((dir) => dir && join(dir, binary)).find((path) => path && existsSync(path));
  if (!found) throw new Error(`${binary} is not installed; these tests start a real one. Install it with: apt-get install -y ${aptPackage}`);
  return found;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port on 127.0.0.1'))));
    });
  });
}

export async function startLocalServer(options: {
  /** The server's name in errors. */
  name: string;
  binary: string;
  args: string[];
  /** True once the server answers as the test needs (a throw counts as not yet). */
  answering: () => Promise<boolean>;
  timeoutMs?: number;
}): Promise<LocalServer> {
  const { name, timeoutMs = 20_000 } = options;
  const child = spawn(options.binary, options.args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let failed: Error | undefined;
  child.once('error', (error) => (failed = error));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (failed) throw new Error(`${name} could not be started (${failed.message}).`);
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before answering:\n${output}`);
    if (await options.answering().catch(() => false)) return { stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not answer within ${timeoutMs / 1000} s:\n${output}`);
}
