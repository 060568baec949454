/** OData system query options as Graph reads them for Outlook collections. */
import { badRequest } from './errors';
import { filterPaths, parseFilter, type FilterExpr } from './filter';

export interface OrderBy {
  path: string[];
  desc: boolean;
}
export interface Expand {
  property: string;
  filter?: FilterExpr;
}
export interface QueryOptions {
  top: number;
  skip: number;
  count: boolean;
  select?: string[];
  orderby: OrderBy[];
  filter?: FilterExpr;
  expand: Expand[];
}

export interface QueryRules {
  /** `microsoft.graph.event`, for messages. */
  typeName: string;
  defaultTop: number;
  maxTop: number;
  selectable: readonly string[];
  /** Property paths (`a/b`) $filter and $orderby accept. */
  filterable: readonly string[];
  sortable: readonly string[];
  expandable: readonly string[];
}

const SYSTEM = ['$top', '$skip', '$select', '$orderby', '$filter', '$expand', '$skiptoken', '$count', '$search', '$format'];

const nonNegative = (name: string, raw: string): number => {
  if (!/^\d+$/.test(raw)) {
    throw badRequest('BadRequest', `Invalid value '${raw}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`);
  }
  return Number(raw);
};

const unknownProperty = (name: string, typeName: string) =>
  badRequest('RequestBroker--ParseUri', `Could not find a property named '${name}' on type '${typeName}'.`);

/** Splits on a separator outside parentheses and quotes. */
const splitTop = (text: string, sep: string): string[] => {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const c of text) {
    if (c === "'") quoted = !quoted;
    if (!quoted && c === '(') depth++;
    if (!quoted && c === ')') depth--;
    if (!quoted && depth === 0 && c === sep) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
};

export const encodeSkipToken = (skip: number): string => Buffer.from(JSON.stringify({ skip })).toString('base64url');

const decodeSkipToken = (token: string): number => {
  try {
    const { skip } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { skip?: unknown };
    if (Number.isInteger(skip) && (skip as number) >= 0) return skip as number;
  } catch {
    // falls through to the error below
  }
  throw badRequest('BadRequest', `The $skiptoken '${token}' is not valid; follow @odata.nextLink as given.`);
};

export const parseQueryOptions = (query: URLSearchParams, rules: QueryRules): QueryOptions => {
  for (const key of query.keys()) {
    if (key.startsWith('$') && !SYSTEM.includes(key.toLowerCase())) {
      throw badRequest('BadRequest', `The query parameter '${key}' is not supported.`);
    }
  }
  if (query.has('$search')) throw badRequest('ErrorInvalidUrlQuery', 'The query parameter $search is not supported on this collection.');
  const topRaw = query.get('$top');
  const top = topRaw === null ? rules.defaultTop : Math.min(nonNegative('$top', topRaw), rules.maxTop);
  const skipToken = query.get('$skiptoken');
  const skip = skipToken !== null ? decodeSkipToken(skipToken) : query.has('$skip') ? nonNegative('$skip', query.get('$skip') as string) : 0;
  const countRaw = query.get('$count');
  if (countRaw !== null && !['true', 'false'].includes(countRaw)) throw badRequest('BadRequest', `Invalid value '${countRaw}' for $count; use true or false.`);

  const select = query.has('$select')
    ? splitTop(query.get('$select') as string, ',').map((name) => {
        const found = rules.selectable.find((p) => p.toLowerCase() === name.toLowerCase());
        if (!found) throw unknownProperty(name, rules.typeName);
        return found;
      })
    : undefined;

  const checkPath = (path: string[], allowed: readonly string[]) => {
    const joined = path.join('/');
    if (!allowed.some((a) => a.toLowerCase() === joined.toLowerCase())) {
      if (!rules.selectable.some((p) => p.toLowerCase() === (path[0] ?? '').toLowerCase()) && !rules.expandable.includes(path[0] ?? '')) {
        throw unknownProperty(path[0] ?? '', rules.typeName);
      }
      throw badRequest('ErrorInvalidUrlQueryFilter', `The query filter contains one or more invalid nodes: '${joined}' cannot be used in $filter or $orderby here.`);
    }
  };

  const orderby = query.has('$orderby')
    ? splitTop(query.get('$orderby') as string, ',').map((clause) => {
        const [name = '', direction = 'asc', ...rest] = clause.split(/\s+/);
        if (rest.length || !['asc', 'desc'].includes(direction.toLowerCase())) throw badRequest('BadRequest', `Invalid $orderby clause '${clause}'.`);
        const path = name.split('/');
        checkPath(path, rules.sortable);
        return { path, desc: direction.toLowerCase() === 'desc' };
      })
    : [];

  let filter: FilterExpr | undefined;
  if (query.has('$filter')) {
    filter = parseFilter(query.get('$filter') as string);
    for (const path of filterPaths(filter)) checkPath(path, rules.filterable);
  }

  const expand = query.has('$expand')
    ? splitTop(query.get('$expand') as string, ',').map((item) => {
        const m = /^([A-Za-z]+)(?:\((.*)\))?$/.exec(item);
        const property = rules.expandable.find((p) => p.toLowerCase() === m?.[1]?.toLowerCase());
        if (!m || !property) throw unknownProperty(m?.[1] ?? item, rules.typeName);
        const options = m[2] ? splitTop(m[2], ';') : [];
        let expandFilter: FilterExpr | undefined;
        for (const option of options) {
          const [key, ...value] = option.split('=');
          if (key?.trim().toLowerCase() !== '$filter') throw badRequest('BadRequest', `The option '${option}' is not supported inside $expand.`);
          expandFilter = parseFilter(value.join('='));
        }
        return { property, ...(expandFilter && { filter: expandFilter }) };
      })
    : [];

  return { top, skip, count: countRaw === 'true', ...(select && { select }), orderby, ...(filter && { filter }), expand };
};

const get = (item: unknown, path: string[]): unknown =>
  path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), item);

export const sortItems = <T>(items: T[], orderby: OrderBy[], view: (item: T) => unknown): T[] =>
  orderby.length === 0
    ? items
    : [...items].sort((x, y) => {
        for (const { path, desc } of orderby) {
          const a = get(view(x), path);
          const b = get(view(y), path);
          const av = typeof a === 'string' ? a.toLowerCase() : (a as number);
          const bv = typeof b === 'string' ? b.toLowerCase() : (b as number);
          if (av === bv) continue;
          const less = av === undefined || av === null || (bv !== undefined && bv !== null && av < bv);
          return (less ? -1 : 1) * (desc ? -1 : 1);
        }
        return 0;
      });

/** `$select` applied: the chosen properties plus `id` and `@odata.etag`, which Graph always returns. */
export const applySelect = (entity: Record<string, unknown>, select: string[] | undefined): Record<string, unknown> => {
  if (!select) return entity;
  const keep = new Set(['@odata.etag', 'id', ...select]);
  return Object.fromEntries(Object.entries(entity).filter(([k]) => keep.has(k) || k.endsWith('@odata.context')));
};
