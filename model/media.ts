/** Photos and videos: the original file's bytes (EXIF included) plus what the file itself does not hold. */
export interface MediaItem {
  fileName: string;
  mimeType: string;
  sizeBytes?: number;
  /** RFC 3339 with offset: when the photo or video was taken. */
  captureTime?: string;
  title?: string;
  description?: string;
  location?: { lat: number; lon: number };
  /** Position within its album, 0-based. */
  albumOrder?: number;
  /** Where to fetch the bytes (a provider URL the exporter understands); never the bytes. */
  downloadSource: string;
  width?: number;
  height?: number;
  /** Seconds, videos only. */
  duration?: number;
}
