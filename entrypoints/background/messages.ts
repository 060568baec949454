/**
 * Every message between Ferry's pages and its worker. The worker checks each one (sender is one of
 * Ferry's own pages, `type` known, payload of the declared shape) before any handler runs.
 */
import type { DataType, LocalFilesAuthDescriptor, PasswordAuthDescriptor, ProviderId } from '../../model/adapter';

export type Role = 'source' | 'destination';

export type Request =
  | { type: 'providers/list' }
  | { type: 'connections/list' }
  /** Sent after the page has obtained the provider's host permission on the person's click. */
  | { type: 'connect'; provider: ProviderId; role: Role; dataTypes: DataType[]; credentials?: PasswordCredentialsInput; chosen?: string }
  | { type: 'disconnect'; provider: ProviderId }
  | { type: 'job/start'; source: ProviderId; destination: ProviderId; dataTypes: DataType[] }
  | { type: 'job/pause'; jobId: string }
  | { type: 'job/resume'; jobId: string }
  | { type: 'job/cancel'; jobId: string }
  | { type: 'job/retry-failed'; jobId: string }
  | { type: 'job/forget'; jobId: string }
  | { type: 'jobs/list' }
  | { type: 'job/get'; jobId: string }
  /** The store's cost since the worker started (read by the benchmark). */
  | { type: 'engine/metrics' };

export type RequestType = Request['type'];

/** What the connect form sends for a provider of kind 'password': the worker checks them on the server before keeping any. */
export interface PasswordCredentialsInput {
  serverUrl: string;
  username: string;
  password: string;
}

/** How the page connects a provider: OAuth's endpoints stay in the worker. */
export type ProviderAuthView = { kind: 'oauth' } | PasswordAuthDescriptor | LocalFilesAuthDescriptor;

export interface ProviderView {
  id: ProviderId;
  name: string;
  /** Host-permission patterns to request before connecting (already rewritten for this build). */
  hostPermissions: string[];
  auth: ProviderAuthView;
  dataTypes: { dataType: DataType; export: boolean; import: boolean }[];
}

export interface ConnectionView {
  provider: ProviderId;
  account: { id: string; email?: string; name?: string };
  /** The grant was revoked or expired: the person must connect again. */
  needsReconnect: boolean;
  /** A password connection's server and user name (never its password), to show and to fill the form again. */
  serverUrl?: string;
  username?: string;
}

export type JobStatus = 'running' | 'paused' | 'needs-reconnect' | 'cancelled' | 'done' | 'failed';

export interface DataTypeProgress {
  dataType: DataType;
  /** Items known so far (grows while the export runs); final once exportDone. */
  total: number;
  exportDone: boolean;
  moved: number;
  failed: number;
  skipped: number;
  bytes: number;
  totalBytes: number;
  /** Items per second over the last minute. */
  itemsPerSecond: number;
  bytesPerSecond: number;
  /** Seconds left at the current rate; absent while unknown. */
  secondsLeft?: number;
}

export interface ItemProblem {
  key: string;
  dataType: DataType;
  title: string;
  /** HTTP status, when the provider answered. */
  status?: number;
  message: string;
  retryable: boolean;
}

export interface ItemLoss {
  key: string;
  dataType: DataType;
  title: string;
  fields: { field: string; reason: string }[];
}

export interface JobView {
  id: string;
  source: { provider: ProviderId; account: string };
  destination: { provider: ProviderId; account: string };
  dataTypes: DataType[];
  status: JobStatus;
  /** Why it is paused, failed or waiting: a sentence a person can act on. */
  statusMessage?: string;
  /** Set when status is needs-reconnect. */
  reconnectProvider?: ProviderId;
  createdAt: number;
  finishedAt?: number;
  progress: DataTypeProgress[];
  failures: ItemProblem[];
  skipped: ItemProblem[];
  losses: ItemLoss[];
  /** The file the job wrote for the person to save (the archive's zip), once the job is done. */
  output?: { name: string; bytes: number };
}

export interface ResponseByType {
  'providers/list': ProviderView[];
  'connections/list': ConnectionView[];
  connect: ConnectionView;
  disconnect: null;
  'job/start': JobView;
  'job/pause': JobView;
  'job/resume': JobView;
  'job/cancel': JobView;
  'job/retry-failed': JobView;
  'job/forget': null;
  'jobs/list': JobView[];
  'job/get': JobView;
  'engine/metrics': EngineMetrics;
}

export interface EngineMetrics {
  /**
   * Milliseconds during which at least one IndexedDB transaction was open (overlapping transactions count
   * once: a share of wall time, never more than it).
   */
  idbMs: number;
  /** IndexedDB transactions begun, read-only ones included (a lone `table.get` is one). */
  idbTransactions: number;
  /** When counting began, ms since the epoch. */
  since: number;
}

/** What the worker answers: never throws across the boundary, so the page can show the message. */
export type Reply<T extends RequestType> = { ok: true; value: ResponseByType[T] } | { ok: false; error: string };
