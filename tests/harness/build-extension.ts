import { execFileSync } from 'node:child_process';
import { REPO_ROOT, SANDBOX_EXTENSION_DIR } from './paths';

/** Builds the sandbox flavour of the extension (every provider URL pointed at the local sandbox). */
export function buildSandboxExtension(): string {
  execFileSync('npx', ['wxt', 'build', '--mode', 'sandbox'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return SANDBOX_EXTENSION_DIR;
}
