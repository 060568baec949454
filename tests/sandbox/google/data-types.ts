/**
 * The Google APIs besides Calendar that the sandbox serves, one folder each. Each is asked in turn for a
 * request the calendar does not answer; a new one is a line here.
 */
import type { SandboxContext, SandboxDataType } from '../core/types';

export interface GoogleDataTypeDeps {
  ctx: SandboxContext;
  now: () => number;
}

export const googleDataTypes = (deps: GoogleDataTypeDeps): SandboxDataType[] => {
  void deps;
  return [];
};
