/**
 * The Google Photos APIs' JSON, as far as Ferry reads or writes it: the Picker API (from its REST reference,
 * developers.google.com/photos/picker/reference/rest; it has no discovery document) and the Library API
 * (discovery document photoslibrary-v1.json).
 */

export interface PickingSession {
  id: string;
  pickerUri: string;
  /** Durations as Google writes them: `"5s"`, `"3.5s"`. */
  pollingConfig?: { pollInterval?: string; timeoutIn?: string };
  expireTime?: string;
  mediaItemsSet?: boolean;
}

export interface PickedMediaItem {
  id: string;
  createTime?: string;
  type?: 'TYPE_UNSPECIFIED' | 'PHOTO' | 'VIDEO';
  mediaFile?: {
    baseUrl: string;
    mimeType?: string;
    filename?: string;
    mediaFileMetadata?: { width?: number; height?: number; cameraMake?: string; cameraModel?: string };
  };
}

export interface PickedMediaItemList {
  mediaItems?: PickedMediaItem[];
  nextPageToken?: string;
}

export interface LibraryMediaItem {
  id: string;
  description?: string;
  filename?: string;
  mimeType?: string;
  baseUrl?: string;
  mediaMetadata?: { creationTime?: string; width?: string; height?: string };
}

export interface Album {
  id: string;
  title?: string;
  mediaItemsCount?: string;
}

export interface AlbumList {
  albums?: Album[];
  nextPageToken?: string;
}

export interface MediaItemSearch {
  albumId?: string;
  pageSize?: number;
  pageToken?: string;
}

export interface MediaItemSearchResult {
  mediaItems?: LibraryMediaItem[];
  nextPageToken?: string;
}

export interface NewMediaItem {
  description?: string;
  simpleMediaItem: { uploadToken: string; fileName: string };
}

export interface BatchCreateRequest {
  albumId?: string;
  newMediaItems: NewMediaItem[];
  albumPosition?: { position: 'LAST_IN_ALBUM' };
}

export interface BatchCreateResponse {
  newMediaItemResults?: {
    uploadToken?: string;
    status?: { code?: number; message?: string };
    mediaItem?: LibraryMediaItem;
  }[];
}
