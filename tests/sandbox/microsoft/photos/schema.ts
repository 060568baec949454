/**
 * The OneDrive shapes the sandbox reads and writes, with the CSDL's names and types (microsoft-graph-v1.0-csdl.xml);
 * schema.test.ts (photos part) holds them against the CSDL when ../shared is present.
 */
export const DRIVE_ITEM_PROPERTIES: Record<string, string> = {
  id: 'Edm.String',
  createdBy: 'graph.identitySet',
  createdDateTime: 'Edm.DateTimeOffset',
  description: 'Edm.String',
  eTag: 'Edm.String',
  lastModifiedBy: 'graph.identitySet',
  lastModifiedDateTime: 'Edm.DateTimeOffset',
  name: 'Edm.String',
  parentReference: 'graph.itemReference',
  webUrl: 'Edm.String',
  cTag: 'Edm.String',
  file: 'graph.file',
  fileSystemInfo: 'graph.fileSystemInfo',
  folder: 'graph.folder',
  image: 'graph.image',
  location: 'graph.geoCoordinates',
  photo: 'graph.photo',
  root: 'graph.root',
  size: 'Edm.Int64',
  specialFolder: 'graph.specialFolder',
  video: 'graph.video',
};

/** driveItemUploadableProperties: what createUploadSession's `item` may carry (besides the conflict annotation). */
export const UPLOADABLE_PROPERTIES: Record<string, string> = {
  description: 'Edm.String',
  driveItemSource: 'graph.driveItemSource',
  fileSize: 'Edm.Int64',
  fileSystemInfo: 'graph.fileSystemInfo',
  mediaSource: 'graph.mediaSource',
  name: 'Edm.String',
};

export const FILE_SYSTEM_INFO_PROPERTIES: Record<string, string> = {
  createdDateTime: 'Edm.DateTimeOffset',
  lastAccessedDateTime: 'Edm.DateTimeOffset',
  lastModifiedDateTime: 'Edm.DateTimeOffset',
};

export const UPLOAD_SESSION_PROPERTIES: Record<string, string> = {
  expirationDateTime: 'Edm.DateTimeOffset',
  nextExpectedRanges: 'Collection(Edm.String)',
  uploadUrl: 'Edm.String',
};

export const CONFLICT_ANNOTATION = '@microsoft.graph.conflictBehavior';
export const CONFLICT_BEHAVIORS = ['fail', 'replace', 'rename'] as const;
export type ConflictBehavior = (typeof CONFLICT_BEHAVIORS)[number];
