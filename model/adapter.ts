/**
 * The adapter contract: what every provider folder under adapters/ implements and all the engine knows.
 * Adapters take an injected fetch and touch no browser API, so one adapter runs unchanged in the
 * service worker, in Node tests and in the benchmark.
 */
import type { DataType, ItemData } from './data-types';

export type { DataType, ItemData } from './data-types';
export type ProviderId = string;
export type Direction = 'export' | 'import';

/** How a request leaves Ferry: already authorised, paced and retried on 429/5xx by the engine. */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export interface AdapterContext {
  /**
   * Authorised, paced fetch. A 401 that survives one token refresh arrives as a 401 response; when the
   * grant itself is gone it throws AdapterError (fatal, 'reconnect'), which adapters let through unchanged.
   */
  fetch: FetchLike;
  /**
   * Paced like `fetch` but sends no token: for pre-authenticated URLs (Graph upload sessions and download
   * URLs), which refuse a request that carries one. The engine always gives it; a test context may not.
   */
  anonymousFetch?: FetchLike;
  /**
   * Maps a provider's real URL to the one to call (identity in production; the sandbox build
   * rewrites `https://host/path` to `<sandbox origin>/host/path`). Build every URL through it.
   */
  url: (realUrl: string) => string;
  /** The connected account's stable id at this provider (used inside source keys). */
  account: string;
  signal?: AbortSignal;
  /**
   * Shows the person a provider's page in a new tab (the Google Photos picker) and resolves once it is open.
   * Absent where nobody is there to look (an adapter then fails with a message saying what to do).
   */
  openPage?: (url: string) => Promise<void>;
  /** The server a password connection names (CalDAV, CardDAV, WebDAV). */
  serverUrl?: string;
  /** Files on the person's disk (archive providers). */
  localFiles?: LocalFiles;
}

/** What an archive provider reads or writes on the person's own disk; the engine gives it per job. */
export interface LocalFiles {
  /** The files chosen as the source (a File in the browser, a Blob in Node), read by slice, never whole. */
  sources?: readonly Blob[];
  /**
   * This job's own scratch folder at a destination that writes files (the Ferry archive): kept across a killed
   * worker and a closed browser, removed when the job is forgotten.
   */
  scratch?: ScratchFiles;
}

/** A folder of files on disk (the origin-private file system in the browser, a temporary folder in Node). */
export interface ScratchFiles {
  /** Writes a file whole, replacing any earlier one; streamed, and the file is there only once complete. */
  write(path: string, content: ReadableStream<Uint8Array> | Blob | string): Promise<void>;
  /** A file written before, read from disk (never loaded whole), or undefined. */
  read(path: string): Promise<Blob | undefined>;
  /** Paths of every file under `prefix` (`''` for all), `/`-separated, in no set order. */
  list(prefix: string): Promise<string[]>;
  remove(path: string): Promise<void>;
  /**
   * Opens the one file a finished job hands the person (the archive's zip): streamed, never held in memory.
   * Writing it again replaces it.
   */
  openOutput(name: string): Promise<WritableStream<Uint8Array>>;
}

/** What a job that finished tells a destination that writes one file (the archive), so it can write it. */
export interface JobSummary {
  id: string;
  dataTypes: readonly DataType[];
  source: { provider: ProviderId; name: string; account: string };
  /** ms since the epoch */
  createdAt: number;
  finishedAt: number;
}

/** The bytes of an item (raw MIME, a photo's original file), streamed: never held whole in memory. */
export interface ContentStream {
  body: ReadableStream<Uint8Array>;
  /** Total size of the whole content in bytes, when the source says (not of the remaining range). */
  size?: number;
  contentType?: string;
  /** Byte offset the body starts at: the `from` asked for when the source honoured a range, else 0. */
  offset: number;
}

/** A collection that holds items: a calendar, an album, a task list, a mail folder, an address book. */
export interface Container {
  /** Stable source key of the container: `<provider>:<account>:<dataType>:container:<native id>`. */
  key: string;
  dataType: DataType;
  name: string;
  description?: string;
  /** `#rrggbb` */
  color?: string;
  /** IANA zone, for calendars. */
  timeZone?: string;
  /** The provider's own primary/default container (primary calendar, default task list, Inbox). */
  isDefault?: boolean;
}

export interface ExportedItem<T extends ItemData = ItemData> {
  /** Stable source key: `<provider>:<account>:<dataType>:<native id>`; never changes between runs. */
  key: string;
  dataType: DataType;
  /** Key of the container it belongs to (already emitted in this or an earlier page). */
  containerKey?: string;
  /**
   * Key of an item that must be imported first (a recurring event's master for an overridden
   * instance, a parent task for a subtask). The engine holds the item until the parent is done.
   */
  parentKey?: string;
  /** A short human label for progress and the report (event title, file name, subject). */
  title: string;
  /** Size in bytes when the item carries media, for progress and time left. */
  bytes?: number;
  data: T;
}

export interface ExportPage {
  /** Containers emitted before any item that names them. */
  containers: Container[];
  items: ExportedItem[];
  /** Opaque cursor for the next page; absent when the export is complete. */
  next?: string;
}

export interface Exporter {
  readonly dataType: DataType;
  /** The page after `cursor` (the first page when undefined). Throws AdapterError. */
  exportPage(cursor: string | undefined): Promise<ExportPage>;
  /**
   * Opens the bytes of an item this exporter emitted (its data names where they are), from byte `from` when
   * the source honours ranges. Exporters whose items carry media implement it; the engine hands it to the importer.
   */
  openContent?(item: { key: string; data: ItemData }, from?: number): Promise<ContentStream>;
}

/** An item handed to an importer, with its container and parent already resolved to destination ids. */
export interface ImportItem<T extends ItemData = ItemData> {
  key: string;
  dataType: DataType;
  title: string;
  data: T;
  /** Destination id of the item's container (from ensureContainer). */
  containerId: string;
  /** Destination id of the parent item, when the exported item named a parentKey. */
  parentId?: string;
  /** Opens the item's bytes at the source (present when the source's exporter has openContent). */
  content?: (from?: number) => Promise<ContentStream>;
  /**
   * Where this item's upload stands, kept by the engine across a killed worker (present with `content`): an
   * importer saves it after each chunk the destination acknowledged and resumes from it, and clears it once the
   * item exists at the destination.
   */
  upload?: UploadProgress;
}

/** A resumable upload in progress at the destination. */
export interface UploadCheckpoint {
  /** The upload session's URL (Google's X-Goog-Upload-URL, Graph's uploadUrl). */
  sessionUrl: string;
  /** Bytes the destination acknowledged. */
  committed: number;
  /** The whole file's size, when known. */
  size?: number;
  /** What the finished upload answered, for a step that follows it (Google's upload token, good for a day). */
  result?: string;
  /** When the session stops working (ms since the epoch), when the destination says. */
  expiresAt?: number;
  /** When this checkpoint was saved (ms since the epoch). */
  savedAt: number;
}

export interface UploadProgress {
  load(): Promise<UploadCheckpoint | undefined>;
  save(checkpoint: UploadCheckpoint): Promise<void>;
  clear(): Promise<void>;
}

export type ImportResult =
  | {
      key: string;
      ok: true;
      destinationId: string;
      /** Model fields this item carried that the destination did not keep (value-specific losses). */
      lost?: LostField[];
      /**
       * Present when the destination already held an item with this identity and it was found, not created: the
       * model field it was found by and a sentence saying why two items sharing it become one. The engine reports
       * an item that so arrived as the same destination item as another item of the job.
       */
      found?: { field: string; why: string };
    }
  | { key: string; ok: false; error: AdapterError };

export interface LostField {
  field: string;
  reason: string;
}

export interface Importer {
  readonly dataType: DataType;
  /**
   * The destination id for this container, creating it when it does not exist. Idempotent: calling it
   * again (after a crash, on a second run) finds the container made before instead of making another.
   */
  ensureContainer(container: Container): Promise<string>;
  /**
   * Creates the items, at most `batchSize` of them. Idempotent by source key: an item imported before
   * (even by a request whose answer was lost) is found, not created again. Per-item failures come back as
   * results; throws AdapterError only when the whole batch failed.
   */
  importBatch(items: ImportItem[]): Promise<ImportResult[]>;
  /**
   * Reconciliation after a crash: for each item that was in flight, its destination id if it exists
   * at the destination (looked up by a stable key: iCalUID, transactionId, an extended property), else absent.
   */
  lookup(items: ImportItem[]): Promise<Map<string, string>>;
}

/** What a provider can do with one data type. Absent means not supported. */
export interface DataTypeSupport {
  export?: { create: (ctx: AdapterContext) => Exporter };
  import?: {
    create: (ctx: AdapterContext) => Importer;
    batchSize: number;
    /** Model field paths the destination can hold; the engine reports any other present field as lost. */
    fields: readonly string[];
  };
  /** OAuth scopes needed per direction, least privilege. */
  scopes: { export: readonly string[]; import: readonly string[] };
  /**
   * This data type's own API limits, when they differ from the provider's (Gmail's per-user quota units,
   * Google Photos' serial batchCreate, OneDrive apart from Outlook's mailbox): it then gets a pacer of its own.
   */
  limits?: ProviderLimits;
}

export interface ProviderLimits {
  /** Minimum gap between two requests, ms (the pacer's floor). */
  minIntervalMs: number;
  /** Requests in flight at once, the provider's documented ceiling. */
  maxConcurrency: number;
  /** A quota counted in units per second (Gmail's 250 per user): requests are spaced by what they cost. */
  quota?: RequestQuota;
  /**
   * A budget of requests per window (SharePoint's 3,000 per user per 5 minutes): at most `requests` start in
   * any `ms`, so a short job goes at full speed and a long one settles at the sustained rate.
   */
  window?: RequestWindow;
  /**
   * How many of the `maxConcurrency` slots one request holds (1 when absent): a Graph $batch runs up to four
   * of its requests at once, and each counts against the mailbox's limit of four in flight.
   */
  slots?(request: { method: string; url: string; body?: unknown }): number;
}

export interface RequestWindow {
  requests: number;
  ms: number;
}

export interface RequestQuota {
  unitsPerSecond: number;
  /** Units one request costs (a batch: the sum of its calls), from what the fetch is asked to send. */
  cost(request: { method: string; url: string; body?: unknown }): number;
}

/** How a person connects a provider: OAuth, an app password (CalDAV, CardDAV, WebDAV), or files on their own disk. */
export type ProviderAuth = OAuthDescriptor | PasswordAuthDescriptor | LocalFilesAuthDescriptor;

export interface OAuthDescriptor {
  kind: 'oauth';
  /**
   * `code-pkce`: authorization code + PKCE S256, public client, no secret (Microsoft, Dropbox).
   * `token`: the token flow (response_type=token) with silent re-authorisation, for providers whose token
   * endpoint demands a client secret even with PKCE (Google): no secret can ship in an extension.
   */
  flow: 'code-pkce' | 'token';
  authorizeUrl: string;
  tokenUrl?: string;
  revokeUrl?: string;
  /** Scopes asked for on every connection (identity), besides the data types' own. */
  baseScopes: readonly string[];
  extraAuthorizeParams?: Record<string, string>;
}

/**
 * A server URL, a user name and an app password, sent as HTTP Basic auth. The password is stored sealed like a
 * token; the connect screen links to where each known service issues app passwords.
 */
export interface PasswordAuthDescriptor {
  kind: 'password';
  /** Where people create an app password, per well-known service (iCloud, Fastmail, Nextcloud). */
  appPasswordHelp: readonly { service: string; url: string; serverUrl?: string }[];
}

/**
 * Files on the person's own disk: an archive chosen as a source (one file, or a Takeout split over several) or
 * written as a destination. Nothing to sign in to.
 */
export interface LocalFilesAuthDescriptor {
  kind: 'local-files';
  /** What the file picker offers: `.zip`, and whether several files make one source. */
  accept: readonly string[];
  multiple: boolean;
}

export interface AccountInfo {
  id: string;
  email?: string;
  name?: string;
}

export interface ProviderDescriptor {
  id: ProviderId;
  name: string;
  auth: ProviderAuth;
  /** Origins the provider's API and token endpoints live at, as host-permission match patterns. */
  hostPermissions: readonly string[];
  limits: ProviderLimits;
  dataTypes: Partial<Record<DataType, DataTypeSupport>>;
  /** Who is connected: shown on the connect screen and used in source keys. */
  accountInfo(ctx: AdapterContext): Promise<AccountInfo>;
  /**
   * Called once every item of a job is done, before it is marked done, for a destination that assembles one file
   * from what its importers wrote to `ctx.localFiles.scratch` (the archive's zip). It may run again after a killed
   * worker, so it must rewrite the file whole. Returns the name of the file the person is handed.
   */
  completeJob?(ctx: AdapterContext, job: JobSummary): Promise<{ output: string; bytes: number }>;
}

export type OAuthProviderDescriptor = ProviderDescriptor & { auth: OAuthDescriptor };

export function isOAuthProvider(provider: ProviderDescriptor): provider is OAuthProviderDescriptor {
  return provider.auth.kind === 'oauth';
}

/**
 * retry: try again later (429, 5xx, network, timeouts).
 * fatal: stop the job until a person acts (revoked grant, destination full, daily quota gone).
 * skip: this item cannot be created; record it and go on (validation refused by the provider).
 */
export type ErrorClass = 'retry' | 'fatal' | 'skip';

export type FatalReason = 'reconnect' | 'storage-full' | 'quota-exhausted' | 'forbidden';

export class AdapterError extends Error {
  override readonly name = 'AdapterError';
  constructor(
    message: string,
    readonly errorClass: ErrorClass,
    readonly details: {
      status?: number;
      /** The provider's own error message, verbatim. */
      providerMessage?: string;
      /** The provider's own error code (`rateLimitExceeded`, `ErrorQuotaExceeded`…). */
      providerCode?: string;
      retryAfterMs?: number;
      fatalReason?: FatalReason;
    } = {},
  ) {
    super(message);
  }
}
