/**
 * The Google APIs besides Calendar that the sandbox serves, one folder each. Each is asked in turn for a
 * request the calendar does not answer; a new one is a line here.
 */
import type { SandboxContext, SandboxDataType } from '../core/types';
import { createGoogleTasks } from './tasks/index';
import { createGmailSandbox } from './mail/index';
import { createGooglePhotos } from './photos/index';
import { createGoogleContacts } from './contacts/index';

export interface GoogleDataTypeDeps {
  ctx: SandboxContext;
  now: () => number;
}

export const googleDataTypes = (deps: GoogleDataTypeDeps): SandboxDataType[] => {
  return [
    createGoogleTasks(deps),
    createGmailSandbox(deps),
    createGooglePhotos(deps),
    createGoogleContacts(deps),
  ];
};
