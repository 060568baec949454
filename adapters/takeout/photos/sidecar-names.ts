/**
 * Which JSON beside a Takeout photo describes it. Google names the sidecar of `IMG_1234.jpg` as
 * `IMG_1234.jpg.json` (until 2024) or `IMG_1234.jpg.supplemental-metadata.json`, cut so that the whole name
 * stays within 51 characters (`IMG_…_long.jpg.supplemen.json`, or the media name itself cut); a second file of
 * the same name is `IMG_1234(1).jpg` with its number after the extension of the sidecar's
 * (`IMG_1234.jpg(1).json`, `IMG_1234.jpg.supplemental-metadata(1).json`); an edited copy `IMG_1234-edited.jpg`
 * has none of its own and shares the original's.
 */

const JSON_SUFFIX = '.json';
const SUPPLEMENTAL = '.supplemental-metadata';
/** Sidecar names observed cut at 46 to 51 characters; a shorter name was never cut. */
const SHORTEST_CUT_NAME = 46;
/** The suffixes Google Photos gives edited copies, in the languages Takeout is written in. */
const EDITED_SUFFIXES = ['-edited', '-bearbeitet', '-modifié', '-editado', '-modificato', '-bewerkt', '-redigerad', '-muokattu', '-edytowane', '-upravené', '-編集済み', '-편집됨'];

interface SidecarName {
  /** The name without `.json` and without a `(n)` before it. */
  base: string;
  /** `(n)` or ''. */
  copy: string;
}

export function parseSidecarName(name: string): SidecarName | undefined {
  if (!name.toLowerCase().endsWith(JSON_SUFFIX)) return undefined;
  const stem = name.slice(0, -JSON_SUFFIX.length);
  const m = /^(.*?)(\(\d+\))$/.exec(stem);
  return m ? { base: m[1]!, copy: m[2]! } : { base: stem, copy: '' };
}

interface MediaName {
  /** The name without a `(n)` copy number and without an edited suffix. */
  original: string;
  copy: string;
  edited: boolean;
}

function mediaNames(name: string): MediaName[] {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  const names: MediaName[] = [{ original: name, copy: '', edited: false }];
  const copy = /^(.*?)(\(\d+\))$/.exec(stem);
  if (copy) names.push({ original: `${copy[1]}${ext}`, copy: copy[2]!, edited: false });
  for (const { original, copy: n } of [...names]) {
    const originalStem = original.slice(0, original.length - ext.length);
    const suffix = EDITED_SUFFIXES.find((s) => originalStem.toLowerCase().endsWith(s));
    if (suffix) names.push({ original: `${originalStem.slice(0, -suffix.length)}${ext}`, copy: n, edited: true });
  }
  return names;
}

/** How well a sidecar base names the original: higher is better, 0 not at all. */
function score(base: string, original: string): number {
  const full = `${original}${SUPPLEMENTAL}`;
  if (base === full) return 4;
  if (base === original) return 3;
  const cut = base.length + JSON_SUFFIX.length >= SHORTEST_CUT_NAME;
  if (cut && full.startsWith(base)) return 2;
  const dot = original.lastIndexOf('.');
  if (dot > 0 && base === original.slice(0, dot)) return 1;
  return 0;
}

/**
 * The sidecar of a media file among the JSON files of its folder (names only), or undefined. Exact names win
 * over cut ones, the file's own over an edited copy's original's.
 */
export function sidecarFor(mediaName: string, jsonNames: readonly string[]): string | undefined {
  const parsed = jsonNames.flatMap((name) => {
    const p = parseSidecarName(name);
    return p ? [{ name, ...p }] : [];
  });
  for (const candidate of mediaNames(mediaName)) {
    let best: { name: string; score: number } | undefined;
    for (const json of parsed) {
      if (json.copy !== candidate.copy) continue;
      const s = score(json.base, candidate.original);
      if (s > (best?.score ?? 0)) best = { name: json.name, score: s };
    }
    if (best) return best.name;
  }
  return undefined;
}
