import type { DocPath } from '../path.js';

/** What a scan of JSON text found: the first syntax error (if any) and every duplicated key. */
export interface JsonScan {
  error?: { offset: number; message: string };
  duplicates: Array<{ path: DocPath; key: string; offset: number }>;
}

interface Frame {
  kind: 'object' | 'array';
  path: DocPath;
  keys?: Set<string>;
  key?: string;
  index: number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WS = /[ \t\n\r]*/y;

/**
 * Scans JSON text iteratively (no recursion, so 100 000 levels cannot overflow the stack),
 * stopping at `maxDepth`; reports the first error offset and duplicate keys, which JSON.parse
 * silently resolves to the last value.
 */
export function scanJson(text: string, maxDepth = 10_000): JsonScan {
  const duplicates: JsonScan['duplicates'] = [];
  const stack: Frame[] = [];
  let i = 0;
  const n = text.length;
  const fail = (offset: number, message: string): JsonScan => ({
    error: { offset, message },
    duplicates,
  });
  const skipWs = (): void => {
    WS.lastIndex = i;
    WS.exec(text);
    i = WS.lastIndex;
  };
  const readString = (): string | undefined => {
    const start = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return text.slice(start, i);
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return undefined;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return undefined;
        continue;
      }
      if (c < 0x20) return undefined;
      i++;
    }
    return undefined;
  };
  const currentPath = (): DocPath => {
    const top = stack[stack.length - 1];
    if (!top) return [];
    return [...top.path, top.kind === 'object' ? (top.key ?? '') : top.index];
  };

  let state: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    skipWs();
    if (state === 'value') {
      const c = text[i];
      if (c === '{' || c === '[') {
        if (stack.length >= maxDepth) return fail(i, `nesting deeper than ${maxDepth} levels`);
        const path = currentPath();
        i++;
        skipWs();
        if (c === '{') {
          stack.push({ kind: 'object', path, keys: new Set(), index: 0 });
          if (text[i] === '}') {
            i++;
            stack.pop();
            state = 'after';
          } else state = 'key';
        } else {
          stack.push({ kind: 'array', path, index: 0 });
          if (text[i] === ']') {
            i++;
            stack.pop();
            state = 'after';
          } else state = 'value';
        }
        continue;
      }
      if (c === '"') {
        if (readString() === undefined) return fail(i, 'invalid string');
      } else if (c === 't' && text.startsWith('true', i)) i += 4;
      else if (c === 'f' && text.startsWith('false', i)) i += 5;
      else if (c === 'n' && text.startsWith('null', i)) i += 4;
      else {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) {
          return fail(
            i,
            i >= n ? 'unexpected end of file' : `unexpected character ${JSON.stringify(c)}`,
          );
        }
        i = NUMBER.lastIndex;
      }
      state = 'after';
      continue;
    }
    if (state === 'key') {
      if (text[i] !== '"')
        return fail(i, i >= n ? 'unexpected end of file' : 'expected a quoted key');
      const keyStart = i;
      const raw = readString();
      if (raw === undefined) return fail(keyStart, 'invalid string');
      const key = JSON.parse(raw) as string;
      const top = stack[stack.length - 1]!;
      if (top.keys!.has(key)) duplicates.push({ path: top.path, key, offset: keyStart });
      top.keys!.add(key);
      top.key = key;
      skipWs();
      if (text[i] !== ':') return fail(i, "expected ':' after a key");
      i++;
      state = 'value';
      continue;
    }
    // after a value
    const top = stack[stack.length - 1];
    if (!top) {
      if (i < n) return fail(i, 'unexpected data after the end of the JSON document');
      return { duplicates };
    }
    const c = text[i];
    if (c === ',') {
      i++;
      if (top.kind === 'object') state = 'key';
      else {
        top.index++;
        state = 'value';
      }
    } else if (c === '}' && top.kind === 'object') {
      i++;
      stack.pop();
    } else if (c === ']' && top.kind === 'array') {
      i++;
      stack.pop();
    } else {
      return fail(
        i,
        i >= n
          ? 'unexpected end of file'
          : `expected ',' or '${top.kind === 'object' ? '}' : ']'}'`,
      );
    }
  }
}

/** Converts a character offset into 1-based line and column. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let k = 0; k < end; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Nesting depth and an upper bound of the items (keys and array items) of JSON text, counted
 * outside strings without building anything: lets a reader refuse a hostile document before
 * JSON.parse allocates a million-key object for it.
 */
export function jsonExtent(text: string): { depth: number; items: number } {
  let depth = 0;
  let max = 0;
  let items = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      items++;
      if (depth > max) max = depth;
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x2c) items++;
  }
  return { depth: max, items };
}
