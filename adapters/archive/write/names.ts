/** Names inside the archive: safe on every file system a person may unzip it on, and never two alike in a folder. */

/** One path segment with the characters Windows, macOS and Linux refuse replaced, never empty, `.` or `..`. */
export function safeSegment(name: string, fallback: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : fallback;
}

/** A `/`-separated name (a nested album, a label like `Work/Projects`) as safe segments, its nesting kept. */
export const safePath = (name: string, fallback: string): string =>
  name
    .split('/')
    .map((part) => safeSegment(part, '_'))
    .join('/') || fallback;

/**
 * Hands out names within one folder: `name`, then `name (2)`, `name (3)`… for a name already given, compared
 * without case (macOS and Windows cannot tell `Work` from `work`). `reserved` names are never handed out as such.
 */
export class NameTaker {
  private readonly taken = new Set<string>();

  constructor(private readonly reserved: readonly string[] = []) {}

  /** `stem` without its extension; `extension` with its dot, or ''. */
  take(stem: string, extension = ''): string {
    for (let n = 1; ; n += 1) {
      const name = `${n === 1 ? stem : `${stem} (${n})`}${extension}`;
      const lower = name.toLowerCase();
      if (this.taken.has(lower) || this.reserved.some((r) => r.toLowerCase() === lower)) continue;
      this.taken.add(lower);
      return name;
    }
  }

  /** A reserved name, given to the one item it is kept for. */
  claim(name: string): string {
    this.taken.add(name.toLowerCase());
    return name;
  }

  /** A file name, numbered before its extension. */
  takeFile(fileName: string): string {
    const dot = fileName.lastIndexOf('.');
    return dot > 0 ? this.take(fileName.slice(0, dot), fileName.slice(dot)) : this.take(fileName);
  }
}
