/** The Graph data types besides calendars that the sandbox serves, one folder each; a new one is a line here. */
import type { SandboxContext } from '../core/types';
import type { GraphDataType } from './graph/data-type';
import type { ThrottleLimits } from './graph/throttle';
import { createOutlookMail } from './mail/index';
import { createMicrosoftTodo } from './tasks/index';
import { createOneDrivePhotos } from './photos/index';
import { createOutlookContacts } from './contacts/index';

export interface GraphDataTypeDeps {
  ctx: SandboxContext;
  now: () => number;
  /** OneDrive's per-user request limit, lowered by tests that run into it. */
  driveLimits?: Partial<ThrottleLimits>;
}

export const graphDataTypes = (deps: GraphDataTypeDeps): GraphDataType[] => {
  return [
    createMicrosoftTodo(deps),
    createOneDrivePhotos(deps),
    createOutlookContacts(deps),
    createOutlookMail(deps),
  ];
};
