/**
 * Partial responses: the standard `fields` parameter (`items(id,summary),nextPageToken`, `items/id`, `*`),
 * applied to a JSON response as Google's front end applies it.
 */
import { badRequest } from '../errors';

type Selection = Map<string, Selection | true>;

export function parseFields(text: string): Selection {
  let pos = 0;
  const fail = (): never => {
    throw badRequest(`Invalid field selection ${text}`, 'invalidParameter', 'global', 'fields');
  };
  const name = (): string => {
    const m = /^[A-Za-z0-9_*@.$-]+/.exec(text.slice(pos));
    if (!m) fail();
    pos += (m as RegExpExecArray)[0].length;
    return (m as RegExpExecArray)[0];
  };
  const merge = (into: Selection, key: string, sub: Selection | true): void => {
    const prev = into.get(key);
    if (prev === true || sub === true) into.set(key, true);
    else into.set(key, prev ? new Map([...prev, ...sub]) : sub);
  };
  const field = (into: Selection): void => {
    const key = name();
    if (text[pos] === '/') {
      pos += 1;
      const sub: Selection = new Map();
      field(sub);
      merge(into, key, sub);
    } else if (text[pos] === '(') {
      pos += 1;
      const sub = list();
      if (text[pos] !== ')') fail();
      pos += 1;
      merge(into, key, sub);
    } else {
      merge(into, key, true);
    }
  };
  const list = (): Selection => {
    const out: Selection = new Map();
    field(out);
    while (text[pos] === ',') {
      pos += 1;
      field(out);
    }
    return out;
  };
  const selection = list();
  if (pos !== text.length) fail();
  return selection;
}

export function applyFields(value: unknown, selection: Selection): unknown {
  if (Array.isArray(value)) return value.map((item) => applyFields(item, selection));
  if (typeof value !== 'object' || value === null) return value;
  if (selection.get('*') === true) return value;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of selection) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    out[key] = sub === true ? v : applyFields(v, sub);
  }
  return out;
}
