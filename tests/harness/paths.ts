import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SANDBOX_EXTENSION_DIR = path.join(REPO_ROOT, '.output', 'chrome-mv3-sandbox');
/** ../shared beside the repo: present on the team's machines and in CI, absent in a clone elsewhere. */
export const SHARED_DIR = path.resolve(REPO_ROOT, '..', 'shared');
