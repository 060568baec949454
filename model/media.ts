/**
 * Photos and videos: the original file's bytes (EXIF included, fetched through the exporter's openContent)
 * plus what the file itself does not hold. The album an item belongs to is its container; its place in the
 * album is `albumOrder`.
 */
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
  /**
   * What the source holds but would not hand out (Google's picker gives no album or description and strips
   * the location from the file): the importer reports each as lost, so the fidelity report tells the person.
   */
  withheldBySource?: { field: string; reason: string }[];
}

export const isVideo = (item: Pick<MediaItem, 'mimeType'>): boolean => item.mimeType.toLowerCase().startsWith('video/');

/** Model field paths of a media item a destination may keep or lose (see the field tables in the adapters' READMEs). */
export const MEDIA_FIELDS = [
  'fileName',
  'mimeType',
  'sizeBytes',
  'captureTime',
  'title',
  'description',
  'location',
  'albumOrder',
  'width',
  'height',
  'duration',
] as const;
export type MediaField = (typeof MEDIA_FIELDS)[number];

/** The source's withheld fields as import losses (each destination adds its own). */
export const withheldLosses = (item: MediaItem): { field: string; reason: string }[] => [...(item.withheldBySource ?? [])];
