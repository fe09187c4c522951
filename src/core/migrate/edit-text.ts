import {
  Document,
  isCollection,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { MESSAGES } from '../../messages/index.js';
import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { ACCOUNT_FILE_LIMITS, MAX_ACCOUNT_FILE_BYTES } from '../input/limits.js';
import { parseYamlExpanded } from '../input/yaml-expand.js';
import { parseDocumentText, type DocumentFormat } from '../input/parse-document.js';
import { canonicalJson } from './canonical-json.js';
import type { AccountEdit } from './edits.js';

/** How the new text was produced: minimal text edits, or a re-render (when the layout is unusual). */
export type EditMethod = 'in-place' | 'yaml-rerender' | 'json';

// Keys were checked once by parseDocumentText (the library's check is quadratic).
const YAML_OPTIONS = { uniqueKeys: false, strict: true, stringKeys: false } as const;

type Obj = Record<string, unknown>;

/** Applies edits to plain account data (a copy): what the file must parse to afterwards. */
export function applyEditsToData(data: unknown, edits: readonly AccountEdit[]): unknown {
  const copy = JSON.parse(JSON.stringify(data)) as Obj;
  const webhooks = copy.webhooks as Obj[];
  if (!Array.isArray(copy.pushRules)) copy.pushRules = [];
  const rules = copy.pushRules as Obj[];
  for (const e of edits) {
    if (e.kind !== 'set-enabled') continue;
    const w = webhooks[e.index];
    if (w) w.enabled = e.enabled;
  }
  // One pass per array, not a splice per insert (splices made a 10 000-website plan quadratic).
  // Inserts after the same index keep the order in which they were planned.
  const webhookInserts = new Map<number, Obj[]>();
  const ruleInserts = new Map<number, Obj[]>();
  for (const e of edits) {
    if (e.kind === 'set-enabled') continue;
    const m = e.kind === 'insert-webhook' ? webhookInserts : ruleInserts;
    const item = (e.kind === 'insert-webhook' ? e.webhook : e.rule) as Obj;
    const list = m.get(e.afterIndex);
    if (list) list.push(item);
    else m.set(e.afterIndex, [item]);
  }
  const merge = (list: Obj[], inserts: Map<number, Obj[]>): Obj[] => {
    const out: Obj[] = [...(inserts.get(-1) ?? [])];
    list.forEach((item, i) => {
      out.push(item);
      const more = inserts.get(i);
      if (more) for (const x of more) out.push(x);
    });
    return out;
  };
  copy.webhooks = merge(webhooks, webhookInserts);
  copy.pushRules = merge(rules, ruleInserts);
  return copy;
}

/**
 * Applies edits to the text of an account file, keeping its format: YAML gets minimal
 * in-place text edits (comments, spacing and key order untouched), falling back to a
 * re-render through the yaml Document API; JSON is re-serialised with its own indentation
 * and key order. The result is parsed back and must equal the expected data, or this throws.
 */
export function editAccountText(
  text: string,
  format: DocumentFormat,
  data: unknown,
  edits: readonly AccountEdit[],
): { text: string; method: EditMethod } {
  const expected = canonicalJson(applyEditsToData(data, edits));
  const matches = (candidate: string): boolean => {
    const parsed = parseDocumentText(candidate, format, ACCOUNT_FILE_LIMITS);
    if (!parsed.ok) refuseOverBounds(parsed.problems[0]);
    if (new TextEncoder().encode(candidate).length > MAX_ACCOUNT_FILE_BYTES)
      refuseOverBounds({ path: [], message: `more than ${MAX_ACCOUNT_FILE_BYTES} bytes` });
    return parsed.ok && canonicalJson(parsed.value) === expected;
  };
  if (edits.length === 0) return { text, method: format === 'json' ? 'json' : 'in-place' };
  if (format === 'json') {
    const out = rewriteJson(text, data, edits);
    if (matches(out)) return { text: out, method: 'json' };
    throw new Error('JSON edit did not produce the expected data');
  }
  const inPlace = editYamlInPlace(text, edits);
  if (inPlace !== undefined && matches(inPlace)) return { text: inPlace, method: 'in-place' };
  const rerendered = rerenderYaml(text, edits);
  if (matches(rerendered)) return { text: rerendered, method: 'yaml-rerender' };
  throw new Error('YAML edit did not produce the expected data');
}

/**
 * The edited file would break a bound every command reads an account file under (10 MiB, the
 * key count, the depth): writing it would leave a file no later run (resume, status, rollback)
 * could read. Refused before anything is written; other parse failures stay the bug they are.
 */
function refuseOverBounds(
  problem: { path: readonly unknown[]; message: string } | undefined,
): void {
  if (!problem || problem.path.length > 0 || !/^(more than|nesting deeper)/.test(problem.message))
    return;
  const M = MESSAGES.migrate;
  throw new UserError(M.editOverBounds(problem.message), ExitCode.REFUSED, M.editOverBoundsHint);
}

function rewriteJson(text: string, data: unknown, edits: readonly AccountEdit[]): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^\{\s*\r?\n([ \t]+)\S/.exec(text)?.[1] ?? '';
  let out = JSON.stringify(applyEditsToData(data, edits), null, indent || undefined);
  if (eol === '\r\n') out = out.replace(/\n/g, '\r\n');
  return /\r?\n$/.test(text) ? out + eol : out;
}

/** Offset just after the end of the line holding `pos` (or the text length). */
function lineEndAfter(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl === -1 ? text.length : nl + 1;
}

/** Offset of the last non-blank character before `end`. */
function lastContent(text: string, end: number): number {
  let i = end - 1;
  while (i > 0 && /\s/.test(text[i] ?? '')) i--;
  return i;
}

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** A new sequence item rendered like its neighbour: flow `{ … }` or a block map; nested maps flow. */
function renderItem(obj: Obj, flow: boolean): string[] {
  const doc = new Document(obj);
  const root = doc.contents;
  if (isMap(root)) {
    if (flow) root.flow = true;
    for (const pair of root.items) if (isCollection(pair.value)) pair.value.flow = true;
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true }).replace(/\n$/, '').split('\n');
}

function editYamlInPlace(text: string, edits: readonly AccountEdit[]): string | undefined {
  const doc = parseDocument(text, YAML_OPTIONS);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const root = doc.contents;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const changes: Array<{ at: number; end: number; text: string; order: number }> = [];
  const itemOf = (
    field: string,
    index: number,
  ): { item: YAMLMap; range: [number, number, number] } | undefined => {
    const seq = root.get(field, true);
    if (!isSeq(seq) || seq.flow) return undefined;
    const item = seq.items[index];
    if (!isMap(item) || !item.range) return undefined;
    return { item, range: item.range };
  };
  const insertLines = (at: number, lines: string[], order: number): void => {
    // At the very end of a file without a final newline, start a new line first.
    const needsLead = at === text.length && !text.endsWith('\n');
    const body = lines.join(eol);
    changes.push({ at, end: at, text: needsLead ? eol + body : body + eol, order });
  };
  for (const e of edits) {
    if (e.kind === 'insert-webhook' || e.kind === 'insert-rule') {
      const found = itemOf(e.kind === 'insert-webhook' ? 'webhooks' : 'pushRules', e.afterIndex);
      if (!found) return undefined;
      const { item, range } = found;
      const start = range[0];
      const m = /^( *)-( +)$/.exec(text.slice(lineStart(text, start), start));
      if (!m) return undefined;
      const dash = m[1] ?? '';
      const gap = m[2] ?? ' ';
      const lines = renderItem(
        e.kind === 'insert-webhook' ? e.webhook : e.rule,
        Boolean(item.flow),
      );
      const pad = ' '.repeat(dash.length + 1 + gap.length);
      const indented = lines.map((l, i) => (i === 0 ? `${dash}-${gap}${l}` : `${pad}${l}`));
      insertLines(lineEndAfter(text, lastContent(text, range[1])), indented, 1);
    } else {
      const found = itemOf('webhooks', e.index);
      if (!found) return undefined;
      const { item, range } = found;
      const value = e.enabled ? 'true' : 'false';
      const pair = item.items.find((p) => isScalar(p.key) && p.key.value === 'enabled');
      if (pair) {
        if (!isScalar(pair.value) || !pair.value.range) return undefined;
        changes.push({ at: pair.value.range[0], end: pair.value.range[1], text: value, order: 0 });
      } else if (item.flow) {
        const close = text.lastIndexOf('}', range[1]);
        if (close < range[0]) return undefined;
        const at = lastContent(text, close) + 1;
        changes.push({ at, end: at, text: `, enabled: ${value}`, order: 0 });
      } else {
        const start = range[0];
        const pad = ' '.repeat(start - lineStart(text, start));
        insertLines(
          lineEndAfter(text, lastContent(text, range[1])),
          [`${pad}enabled: ${value}`],
          0,
        );
      }
    }
  }
  // From the end backwards so offsets stay valid; at one offset, lower order ends up first.
  changes.sort((a, b) => b.at - a.at || b.order - a.order);
  let out = text;
  for (const c of changes) out = out.slice(0, c.at) + c.text + out.slice(c.end);
  return out;
}

function rerenderYaml(text: string, edits: readonly AccountEdit[]): string {
  // Aliases expanded: an edit of one webhook must not change another sharing its anchor.
  const doc = parseYamlExpanded(text);
  const webhooks = doc.get('webhooks', true);
  let rules = doc.get('pushRules', true);
  if (!isSeq(webhooks)) throw new Error('webhooks is not a sequence');
  if (!isSeq(rules)) {
    doc.set('pushRules', doc.createNode([]));
    rules = doc.get('pushRules', true);
  }
  for (const e of edits) {
    if (e.kind !== 'set-enabled') continue;
    const item = webhooks.items[e.index];
    if (isMap(item)) item.set('enabled', e.enabled);
  }
  const inserts = edits
    .filter((e): e is Exclude<AccountEdit, { kind: 'set-enabled' }> => e.kind !== 'set-enabled')
    .map((e, order) => ({ e, order }))
    .sort((a, b) => b.e.afterIndex - a.e.afterIndex || b.order - a.order);
  for (const { e } of inserts) {
    const seq = (e.kind === 'insert-webhook' ? webhooks : rules) as YAMLSeq;
    const node = doc.createNode(e.kind === 'insert-webhook' ? e.webhook : e.rule);
    const neighbour = seq.items[e.afterIndex];
    if (isMap(node)) {
      if (isMap(neighbour) && neighbour.flow) node.flow = true;
      for (const pair of node.items) if (isCollection(pair.value)) pair.value.flow = true;
    }
    seq.items.splice(e.afterIndex + 1, 0, node);
  }
  return doc.toString({ lineWidth: 0 });
}
