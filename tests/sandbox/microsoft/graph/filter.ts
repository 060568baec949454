/**
 * The part of OData `$filter` that Outlook resources answer: comparisons (eq ne gt ge lt le) of a
 * property path with a literal, and/or/not, parentheses, startswith(), and the lambda
 * `singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq '…')`
 * (https://learn.microsoft.com/graph/api/singlevaluelegacyextendedproperty-get).
 * String comparisons ignore case, as Exchange's restrictions do.
 */
import { badRequest } from './errors';

type Literal = string | number | boolean | null;
type Operand = { k: 'path'; path: string[] } | { k: 'lit'; value: Literal; dateTime?: boolean };
export type FilterExpr =
  | { k: 'cmp'; op: string; left: Operand; right: Operand }
  | { k: 'and' | 'or'; a: FilterExpr; b: FilterExpr }
  | { k: 'not'; e: FilterExpr }
  | { k: 'lambda'; quantifier: 'any' | 'all'; collection: string[]; variable: string; body: FilterExpr }
  | { k: 'startswith'; target: Operand; prefix: Operand }
  | { k: 'bool'; operand: Operand };

type Token = { t: 'str'; v: string } | { t: 'num'; v: number } | { t: 'dt'; v: string } | { t: 'id'; v: string } | { t: 'p'; v: string };

const invalidFilter = (why: string) => badRequest('BadRequest', `Invalid filter clause: ${why}`);

const tokenize = (text: string): Token[] => {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    if (rest[0] === "'") {
      let value = '';
      let j = 1;
      for (;;) {
        if (j >= rest.length) throw invalidFilter('a string literal is not closed.');
        if (rest[j] === "'") {
          if (rest[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += rest[j];
        j++;
      }
      tokens.push({ t: 'str', v: value });
      i += j + 1;
      continue;
    }
    const dt = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?/.exec(rest);
    if (dt) {
      tokens.push({ t: 'dt', v: dt[0] });
      i += dt[0].length;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(rest);
    if (num) {
      tokens.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][\w.]*(\/[A-Za-z_][\w.]*)*/.exec(rest);
    if (id) {
      tokens.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    if ('(),:'.includes(rest[0] as string)) {
      tokens.push({ t: 'p', v: rest[0] as string });
      i++;
      continue;
    }
    throw invalidFilter(`unexpected '${rest[0]}' at position ${i}.`);
  }
  return tokens;
};

const COMPARISONS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];

export const parseFilter = (text: string): FilterExpr => {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isWord = (word: string) => peek()?.t === 'id' && (peek()?.v as string).toLowerCase() === word;
  const expectP = (p: string) => {
    const token = tokens[pos++];
    if (token?.t !== 'p' || token.v !== p) throw invalidFilter(`'${p}' expected.`);
  };

  const operand = (): Operand => {
    const token = tokens[pos++];
    if (!token) throw invalidFilter('the expression ends too early.');
    if (token.t === 'str') return { k: 'lit', value: token.v };
    if (token.t === 'num') return { k: 'lit', value: token.v };
    if (token.t === 'dt') return { k: 'lit', value: token.v, dateTime: true };
    if (token.t === 'id') {
      const lower = token.v.toLowerCase();
      if (lower === 'true' || lower === 'false') return { k: 'lit', value: lower === 'true' };
      if (lower === 'null') return { k: 'lit', value: null };
      return { k: 'path', path: token.v.split('/') };
    }
    throw invalidFilter(`unexpected '${token.v}'.`);
  };

  const primary = (): FilterExpr => {
    const token = peek();
    if (token?.t === 'p' && token.v === '(') {
      pos++;
      const e = or();
      expectP(')');
      return e;
    }
    if (isWord('not')) {
      pos++;
      return { k: 'not', e: primary() };
    }
    if (isWord('startswith') && tokens[pos + 1]?.v === '(') {
      pos += 2;
      const target = operand();
      expectP(',');
      const prefix = operand();
      expectP(')');
      return { k: 'startswith', target, prefix };
    }
    if (token?.t === 'id' && tokens[pos + 1]?.v === '(') {
      const path = token.v.split('/');
      const quantifier = path.pop()?.toLowerCase();
      if ((quantifier === 'any' || quantifier === 'all') && path.length > 0) {
        pos += 2;
        const variable = tokens[pos++];
        if (variable?.t !== 'id') throw invalidFilter('a lambda needs a variable name.');
        expectP(':');
        const body = or();
        expectP(')');
        return { k: 'lambda', quantifier, collection: path, variable: variable.v, body };
      }
      throw invalidFilter(`the function '${token.v}' is not supported.`);
    }
    const left = operand();
    const op = peek();
    if (op?.t === 'id' && COMPARISONS.includes(op.v.toLowerCase())) {
      pos++;
      return { k: 'cmp', op: op.v.toLowerCase(), left, right: operand() };
    }
    return { k: 'bool', operand: left };
  };

  const and = (): FilterExpr => {
    let e = primary();
    while (isWord('and')) {
      pos++;
      e = { k: 'and', a: e, b: primary() };
    }
    return e;
  };
  const or = (): FilterExpr => {
    let e = and();
    while (isWord('or')) {
      pos++;
      e = { k: 'or', a: e, b: and() };
    }
    return e;
  };

  const e = or();
  if (pos < tokens.length) throw invalidFilter(`unexpected '${String(tokens[pos]?.v)}' at the end.`);
  return e;
};

/** Paths a filter names, with the lambda variable's paths prefixed by the collection (for checking). */
export const filterPaths = (e: FilterExpr, prefix: string[] = [], variable?: string): string[][] => {
  const ofOperand = (o: Operand): string[][] => {
    if (o.k !== 'path') return [];
    return [variable !== undefined && o.path[0] === variable ? [...prefix, ...o.path.slice(1)] : o.path];
  };
  switch (e.k) {
    case 'cmp':
      return [...ofOperand(e.left), ...ofOperand(e.right)];
    case 'and':
    case 'or':
      return [...filterPaths(e.a, prefix, variable), ...filterPaths(e.b, prefix, variable)];
    case 'not':
      return filterPaths(e.e, prefix, variable);
    case 'startswith':
      return [...ofOperand(e.target), ...ofOperand(e.prefix)];
    case 'bool':
      return ofOperand(e.operand);
    case 'lambda':
      return [e.collection, ...filterPaths(e.body, e.collection, e.variable)];
  }
};

const get = (root: unknown, path: string[]): unknown =>
  path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), root);

const compare = (op: string, a: unknown, b: unknown, asDate: boolean): boolean => {
  if (a === undefined) a = null;
  if (op === 'eq' || op === 'ne') {
    const equal =
      typeof a === 'string' && typeof b === 'string'
        ? asDate
          ? Date.parse(a) === Date.parse(b)
          : a.toLowerCase() === b.toLowerCase()
        : a === b;
    return op === 'eq' ? equal : !equal;
  }
  if (a === null || b === null) return false;
  const [x, y] = asDate ? [Date.parse(String(a)), Date.parse(String(b))] : typeof a === 'string' ? [a.toLowerCase(), String(b).toLowerCase()] : [a as number, b as number];
  return op === 'gt' ? x > y : op === 'ge' ? x >= y : op === 'lt' ? x < y : x <= y;
};

export const evaluateFilter = (e: FilterExpr, item: unknown, scope: Record<string, unknown> = {}): boolean => {
  const value = (o: Operand): unknown => {
    if (o.k === 'lit') return o.value;
    const head = o.path[0] as string;
    return head in scope ? get(scope[head], o.path.slice(1)) : get(item, o.path);
  };
  switch (e.k) {
    case 'cmp': {
      const asDate = (e.left.k === 'lit' && !!e.left.dateTime) || (e.right.k === 'lit' && !!e.right.dateTime);
      return compare(e.op, value(e.left), value(e.right), asDate);
    }
    case 'and':
      return evaluateFilter(e.a, item, scope) && evaluateFilter(e.b, item, scope);
    case 'or':
      return evaluateFilter(e.a, item, scope) || evaluateFilter(e.b, item, scope);
    case 'not':
      return !evaluateFilter(e.e, item, scope);
    case 'startswith': {
      const target = value(e.target);
      const prefix = value(e.prefix);
      return typeof target === 'string' && typeof prefix === 'string' && target.toLowerCase().startsWith(prefix.toLowerCase());
    }
    case 'bool':
      return value(e.operand) === true;
    case 'lambda': {
      const collection = get(item, e.collection);
      const members = Array.isArray(collection) ? collection : [];
      const test = (m: unknown) => evaluateFilter(e.body, item, { ...scope, [e.variable]: m });
      return e.quantifier === 'any' ? members.some(test) : members.every(test);
    }
  }
};
