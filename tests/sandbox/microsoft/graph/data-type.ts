/**
 * One Graph data type besides calendars (contacts, To Do, mail, OneDrive), in a folder of its own: the routes
 * it answers below `/v1.0/me`, any host of its own (OneDrive's upload URLs), and its part of the archive.
 */
import type { SandboxDataType, SandboxReply, SandboxRequest } from '../../core/types';
import type { Route } from './routes';
import type { Admission } from './throttle';

export interface GraphDataType extends Omit<SandboxDataType, 'handle'> {
  /** The route for a path below `/me` when it is this data type's (throw GraphError for a wrong method), else undefined. */
  route(method: string, segments: string[]): Route | undefined;
  /** Outlook resources (contacts, mail) share the mailbox's concurrency limit; To Do and OneDrive do not. */
  readonly mailbox: boolean;
  /** Requests to `hosts` (not Graph's own). */
  handleHost?(req: SandboxRequest): Promise<SandboxReply>;
  /** A data type outside the mailbox with a request limit of its own (OneDrive's per user) admits each Graph request here. */
  admit?(): Admission;
  /** Forgets the requests counted against that limit. */
  resetLimits?(): void;
}
