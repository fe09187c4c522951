/**
 * Shape paths of `qwh diff-payload`: `form[variable=email].responses[0].value`.
 * Arrays of objects that carry a `variable` are keyed by it (item ids are not unique [doc]);
 * `responses` keep their position; every other array is `[]` (any item).
 */

/** One step of a shape path. `var` with value `*` (printed unquoted) is the "every item" wildcard. */
export type Seg =
  | { t: 'key'; key: string }
  | { t: 'var'; value: string; wildcard?: boolean }
  | { t: 'index'; index: number }
  | { t: 'any' };

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const VAR_PLAIN = /^[A-Za-z0-9_$][A-Za-z0-9_$.-]*$/;

/** Array keys whose item position carries meaning (first answer, second answer…). */
export const POSITIONAL_ARRAYS: ReadonlySet<string> = new Set(['responses']);
/** Positions kept apart in a positional array; later items share `[]`, so paths stay bounded. */
export const MAX_POSITION = 10;
/** Longest `variable` used as a key; a longer one (hostile or broken data) is an ordinary `[]` item. */
export const MAX_VARIABLE_LENGTH = 200;
/** The item key that identifies form fields, opt-ins and questions [doc]. */
export const ITEM_KEY = 'variable';

/** Longest key kept whole in a path; longer (hostile) keys are cut, so paths stay small. */
export const MAX_KEY_LENGTH = 200;

/** The text of one object-key step, appended to the parent path text. */
export function keyStep(parent: string, rawKey: string): string {
  const key =
    rawKey.length > MAX_KEY_LENGTH
      ? `${rawKey.slice(0, 100)}…(${rawKey.length} characters)`
      : rawKey;
  if (IDENT.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** The text of a `[variable=…]` step. */
export function varStep(value: string): string {
  return VAR_PLAIN.test(value)
    ? `[${ITEM_KEY}=${value}]`
    : `[${ITEM_KEY}=${JSON.stringify(value)}]`;
}

/** Formats segments as a shape path (the inverse of parseShapePath). */
export function formatShapePath(segs: readonly Seg[]): string {
  let out = '';
  for (const s of segs) {
    if (s.t === 'key') out = keyStep(out, s.key);
    else if (s.t === 'var') out += s.wildcard ? `[${ITEM_KEY}=*]` : varStep(s.value);
    else if (s.t === 'index') out += `[${s.index}]`;
    else out += '[]';
  }
  return out === '' ? '$' : out;
}

/** Parses a shape path; throws an Error with the reason when the text is not one. */
export function parseShapePath(text: string): Seg[] {
  const segs: Seg[] = [];
  let i = 0;
  const n = text.length;
  if (text === '$') return segs;
  const readJsonString = (): string => {
    // A JSON string literal starting at i: find its closing quote, honouring escapes.
    const start = i;
    i++;
    while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= n) throw new Error(`unterminated string at character ${start + 1}`);
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  while (i < n) {
    const c = text[i];
    if (c === '.' || (i === 0 && c !== '[')) {
      if (c === '.') i++;
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(i));
      if (!m) throw new Error(`expected a key at character ${i + 1}`);
      segs.push({ t: 'key', key: m[0] });
      i += m[0].length;
      continue;
    }
    if (c !== '[') throw new Error(`unexpected "${c}" at character ${i + 1}`);
    i++;
    if (text[i] === ']') {
      segs.push({ t: 'any' });
      i++;
      continue;
    }
    if (text[i] === '"') {
      segs.push({ t: 'key', key: readJsonString() });
    } else if (text.startsWith(`${ITEM_KEY}=`, i)) {
      i += ITEM_KEY.length + 1;
      if (text[i] === '"') segs.push({ t: 'var', value: readJsonString() });
      else if (text[i] === '*') {
        segs.push({ t: 'var', value: '*', wildcard: true });
        i++;
      } else {
        const m = /^[A-Za-z0-9_$][A-Za-z0-9_$.-]*/.exec(text.slice(i));
        if (!m) throw new Error(`expected a variable name at character ${i + 1}`);
        segs.push({ t: 'var', value: m[0] });
        i += m[0].length;
      }
    } else {
      const m = /^\d+/.exec(text.slice(i));
      if (!m)
        throw new Error(`expected an index, "variable=…" or a quoted key at character ${i + 1}`);
      segs.push({ t: 'index', index: Number(m[0]) });
      i += m[0].length;
    }
    if (text[i] !== ']') throw new Error(`expected "]" at character ${i + 1}`);
    i++;
  }
  return segs;
}

/** Every proper prefix of a path, shortest first (`a`, `a.b` for `a.b.c`). */
export function prefixesOf(segs: readonly Seg[]): string[] {
  const out: string[] = [];
  for (let k = 1; k < segs.length; k++) out.push(formatShapePath(segs.slice(0, k)));
  return out;
}

function jsString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** The JSONPath of a shape path: `$.form[?(@.variable=='email')].responses[0].value`. */
export function toJsonPath(segs: readonly Seg[]): string {
  let out = '$';
  for (const s of segs) {
    if (s.t === 'key') out += IDENT.test(s.key) ? `.${s.key}` : `[${jsString(s.key)}]`;
    else if (s.t === 'var') out += s.wildcard ? '[*]' : `[?(@.${ITEM_KEY}==${jsString(s.value)})]`;
    else if (s.t === 'index') out += `[${s.index}]`;
    else out += '[*]';
  }
  return out;
}

/**
 * A JavaScript expression reading the path from a parsed payload `p`:
 * `p.form.find((f) => f.variable === 'email')?.responses[0]?.value`. After the first step that
 * may be missing (a find, an index) every further step is optional-chained.
 */
export function toAccessor(segs: readonly Seg[], root = 'p'): string {
  let out = root;
  let optional = false;
  let closers = '';
  let mapDepth = 0;
  const dot = (): string => (optional ? '?.' : '.');
  for (const s of segs) {
    if (s.t === 'key') {
      out += IDENT.test(s.key) ? `${dot()}${s.key}` : `${optional ? '?.' : ''}[${jsString(s.key)}]`;
    } else if (s.t === 'var') {
      out += `${dot()}find((f) => f.${ITEM_KEY} === ${jsString(s.value)})`;
      optional = true;
    } else if (s.t === 'index') {
      // `?.responses[0]?.value`: responses is always an array [doc]; its first item may be missing.
      out += `[${s.index}]`;
      optional = true;
    } else {
      const v = mapDepth === 0 ? 'x' : `x${mapDepth}`;
      mapDepth++;
      out += `${dot()}map((${v}) => ${v}`;
      closers += ')';
      optional = true;
    }
  }
  return out + closers;
}
