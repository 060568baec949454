/**
 * Facebook's JSON export as far as Ferry reads it: albums (`posts/album/<n>.json`) with their photos, and
 * posts (`your_posts__check_ins__photos_and_videos_<n>.json`) whose attachments carry media. Strings are UTF-8
 * escaped as Latin-1 (meta-export-text.ts).
 */
export interface FacebookMedia {
  /** Path inside the export: `your_facebook_activity/posts/media/Lisbon2023_1234/123.jpg`. */
  uri?: string;
  /** Unix seconds: when it was uploaded. */
  creation_timestamp?: number;
  title?: string;
  description?: string;
  media_metadata?: {
    photo_metadata?: { exif_data?: FacebookExif[] };
    video_metadata?: { exif_data?: FacebookExif[] };
  };
}

export interface FacebookExif {
  /** Unix seconds: when the photo was taken, where the uploaded file said. */
  taken_timestamp?: number;
  latitude?: number;
  longitude?: number;
}

export interface FacebookAlbum {
  name?: string;
  description?: string;
  photos?: FacebookMedia[];
  last_modified_timestamp?: number;
}

export interface FacebookPost {
  timestamp?: number;
  title?: string;
  data?: { post?: string; update_timestamp?: number }[];
  attachments?: { data?: { media?: FacebookMedia; place?: { name?: string }; external_context?: { url?: string } }[] }[];
  tags?: { name?: string }[];
}
