import type { SandboxContext } from '../../core/types';
import type { IdentityState } from './state';

export interface IdentityDeps {
  ctx: SandboxContext;
  state: IdentityState;
  now: () => number;
}
