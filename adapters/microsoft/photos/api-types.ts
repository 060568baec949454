/** OneDrive's JSON (microsoft.graph.driveItem and friends in the v1.0 CSDL), as far as Ferry reads or writes it. */

export interface DriveItem {
  id: string;
  name: string;
  size?: number;
  description?: string;
  '@microsoft.graph.downloadUrl'?: string;
  file?: { mimeType?: string; hashes?: DriveHashes };
  folder?: { childCount?: number };
  image?: { width?: number; height?: number };
  photo?: { takenDateTime?: string };
  video?: { duration?: number; width?: number; height?: number };
  location?: { latitude?: number; longitude?: number };
  fileSystemInfo?: FileSystemInfo;
}

export interface FileSystemInfo {
  createdDateTime?: string;
  lastModifiedDateTime?: string;
}

/** microsoft.graph.hashes: sha1Hash and sha256Hash are uppercase hex; OneDrive for Business gives only quickXorHash. */
export interface DriveHashes {
  crc32Hash?: string;
  quickXorHash?: string;
  sha1Hash?: string;
  sha256Hash?: string;
}

export interface DriveItemPage {
  value?: DriveItem[];
  '@odata.nextLink'?: string;
}

/** driveItemUploadableProperties plus the conflict annotation, as createUploadSession's `item`. */
export interface UploadableItem {
  '@microsoft.graph.conflictBehavior': 'fail' | 'replace' | 'rename';
  description?: string;
  fileSize?: number;
  fileSystemInfo?: FileSystemInfo;
}

export interface UploadSession {
  uploadUrl: string;
  expirationDateTime?: string;
  nextExpectedRanges?: string[];
}
