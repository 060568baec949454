/**
 * The posts files of Instagram's JSON export (`posts_1.json`), as exports since 2022 write them: a list of
 * posts, each with its media; a post of one photo keeps its caption and time on the media, a carousel on the
 * post itself. Strings are UTF-8 escaped as Latin-1 (meta-export-text.ts).
 */
export interface InstagramMedia {
  /** Path inside the export: `media/posts/202306/17912345678901234.jpg`. */
  uri?: string;
  /** Unix seconds: when it was posted. */
  creation_timestamp?: number;
  title?: string;
  media_metadata?: {
    photo_metadata?: { exif_data?: { latitude?: number; longitude?: number; [key: string]: unknown }[] };
    video_metadata?: { exif_data?: { latitude?: number; longitude?: number; [key: string]: unknown }[] };
  };
}

export interface InstagramPost {
  media?: InstagramMedia[];
  title?: string;
  creation_timestamp?: number;
}
