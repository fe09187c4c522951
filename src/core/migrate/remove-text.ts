import { isMap, isSeq, parseDocument } from 'yaml';
import { ACCOUNT_FILE_LIMITS } from '../input/limits.js';
import { parseYamlExpanded } from '../input/yaml-expand.js';
import { parseDocumentText, type DocumentFormat } from '../input/parse-document.js';
import { canonicalJson } from './canonical-json.js';

/** Items to remove from an account file (indexes into the arrays as read). */
export interface Removal {
  webhooks: readonly number[];
  pushRules: readonly number[];
}

type Obj = Record<string, unknown>;
// Keys were checked once by parseDocumentText (the library's check is quadratic).
const YAML_OPTIONS = { uniqueKeys: false, strict: true, stringKeys: false } as const;

/** The data without the removed items: what the file must parse to afterwards. */
export function removeFromData(data: unknown, r: Removal): unknown {
  const copy = JSON.parse(JSON.stringify(data)) as Obj;
  const drop = (list: unknown, idx: readonly number[]): unknown[] =>
    (Array.isArray(list) ? list : []).filter((_, i) => !idx.includes(i));
  copy.webhooks = drop(copy.webhooks, r.webhooks);
  if (Array.isArray(copy.pushRules)) copy.pushRules = drop(copy.pushRules, r.pushRules);
  return copy;
}

/**
 * Removes whole items (the 1.0 webhook and its rules at `confirm v1-deleted`) keeping the rest
 * of the text: YAML block items are cut line for line (comments elsewhere stay), else the
 * document is re-rendered; JSON is re-serialised with its indentation. Parsed back and checked.
 */
export function removeAccountItems(
  text: string,
  format: DocumentFormat,
  data: unknown,
  r: Removal,
): string {
  const expected = canonicalJson(removeFromData(data, r));
  const matches = (candidate: string): boolean => {
    const parsed = parseDocumentText(candidate, format, ACCOUNT_FILE_LIMITS);
    return parsed.ok && canonicalJson(parsed.value) === expected;
  };
  if (r.webhooks.length === 0 && r.pushRules.length === 0) return text;
  if (format === 'json') {
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const indent = /^\{\s*\r?\n([ \t]+)\S/.exec(text)?.[1] ?? '';
    let out = JSON.stringify(removeFromData(data, r), null, indent || undefined);
    if (eol === '\r\n') out = out.replace(/\n/g, '\r\n');
    out = /\r?\n$/.test(text) ? out + eol : out;
    if (matches(out)) return out;
    throw new Error('JSON removal did not produce the expected data');
  }
  const inPlace = cutYamlItems(text, r);
  if (inPlace !== undefined && matches(inPlace)) return inPlace;
  // Aliases expanded: a removed item may hold the anchor another item's alias names.
  const doc = parseYamlExpanded(text);
  for (const [field, idx] of [
    ['webhooks', r.webhooks],
    ['pushRules', r.pushRules],
  ] as const) {
    const seq = doc.get(field, true);
    if (!isSeq(seq)) continue;
    seq.items = seq.items.filter((_, i) => !idx.includes(i));
  }
  const out = doc.toString({ lineWidth: 0 });
  if (matches(out)) return out;
  throw new Error('YAML removal did not produce the expected data');
}

/** Cuts each block item's lines (from its `- ` line to its last content line). */
function cutYamlItems(text: string, r: Removal): string | undefined {
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const cuts: Array<[number, number]> = [];
  for (const [field, idx] of [
    ['webhooks', r.webhooks],
    ['pushRules', r.pushRules],
  ] as const) {
    const seq = doc.contents.get(field, true);
    if (idx.length === 0) continue;
    if (!isSeq(seq) || seq.flow) return undefined;
    for (const i of idx) {
      const item = seq.items[i];
      if (!isMap(item) || !item.range) return undefined;
      const start = text.lastIndexOf('\n', item.range[0] - 1) + 1;
      if (!/^ *- +$/.test(text.slice(start, item.range[0]))) return undefined;
      let last = item.range[1] - 1;
      while (last > start && /\s/.test(text[last] ?? '')) last--;
      const nl = text.indexOf('\n', last);
      cuts.push([start, nl === -1 ? text.length : nl + 1]);
    }
  }
  cuts.sort((a, b) => b[0] - a[0]);
  let out = text;
  for (const [a, b] of cuts) out = out.slice(0, a) + out.slice(b);
  return out;
}
