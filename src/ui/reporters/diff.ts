import type { ChalkInstance } from 'chalk';
import type { AddedFinding, FieldFinding, Severity } from '../../core/diff/classify.js';
import type { DiffReport } from '../../core/diff/session.js';
import { MESSAGES } from '../../messages/index.js';
import { renderTable } from '../table.js';

const M = MESSAGES.diff;

/** The change column: the class, with the kinds for a type change. */
export function changeLabel(f: FieldFinding): string {
  if (f.class === 'type-changed' && f.typeChange)
    return `type-changed (${f.typeChange.from.join('|') || '?'} → ${f.typeChange.to.join('|')})`;
  return f.class;
}

/** The found-by column: methods and confidence. */
export function foundBy(f: FieldFinding): string {
  if (f.class === 'removed' && f.methods.length === 0) return '—';
  if (f.class === 'ambiguous') return f.methods.join('+');
  return `${f.methods.join('+')} · ${f.confidenceLevel}`;
}

function target(f: FieldFinding): string {
  if (f.class === 'ambiguous') return f.candidates.map((c) => c.v2Path).join('  |  ');
  return f.v2Path ?? '—';
}

function severityMark(s: Severity, c: ChalkInstance): string {
  return s === 'ERR' ? c.red.bold('ERR ') : s === 'WARN' ? c.yellow('WARN') : c.dim('INFO');
}

function fieldTable(fields: readonly FieldFinding[], c: ChalkInstance): string {
  return renderTable(
    fields.map((f) => [
      severityMark(f.severity, c),
      c.bold(f.v1Path),
      f.breaking ? c.red(changeLabel(f)) : changeLabel(f),
      f.class === 'removed' ? c.dim('—') : c.cyan(target(f)),
      c.dim(foundBy(f)),
    ]),
    { header: ['', '1.0 field', 'change', '2.0 path', 'found by'].map((h) => c.dim(h)) },
  );
}

/** "8 items · 26 values · e.g. …" for an added part. */
export function addedDetail(a: AddedFinding, examples = 2): string {
  const many = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  return [
    a.items !== undefined && a.items > 1 ? many(a.items, 'item') : '',
    a.leaves > (a.items ?? 1) ? many(a.leaves, 'value') : '',
    a.examples.length > 0
      ? `e.g. ${a.examples
          .slice(0, examples)
          .map((e) => JSON.stringify(e))
          .join(', ')}`
      : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

function addedTable(added: readonly AddedFinding[], c: ChalkInstance): string {
  return renderTable(
    added.map((a) => [
      severityMark('INFO', c),
      c.cyan(a.v2Path),
      a.types.join('|'),
      `${a.presence.present}/${a.presence.of}`,
      c.dim(addedDetail(a)),
    ]),
    { header: ['', '2.0 path', 'type', 'seen', ''].map((h) => c.dim(h)) },
  );
}

/** The human report: grouped (breaking first), one table per group, notes, summary. */
export function renderDiffHuman(r: DiffReport, c: ChalkInstance): string {
  const out: string[] = [];
  const { v1, v2 } = r.inputs;
  out.push(
    c.bold(M.header(v1.source, v1.payloads, v2.source, v2.payloads)) +
      c.dim(` · ${r.pairing.pairs > 0 ? M.paired(r.pairing.pairs) : M.shapesOnly}`),
  );
  const group = (title: string, body: string, n: number): void => {
    out.push('', c.bold(`${title} (${n})`), body);
  };
  if (r.rules) {
    for (const [sev, title] of [
      ['ERR', M.groups.err],
      ['WARN', M.groups.warn],
      ['INFO', M.groups.info],
    ] as const) {
      const fs = r.fields.filter((f) => f.severity === sev);
      if (fs.length > 0) group(title, fieldTable(fs, c), fs.length);
    }
  } else {
    const breaking = r.fields.filter((f) => f.breaking);
    const ambiguous = r.fields.filter((f) => f.class === 'ambiguous');
    const rewrite = r.fields.filter(
      (f) => !f.breaking && (f.class === 'moved' || f.class === 'type-changed'),
    );
    const unchanged = r.fields.filter((f) => f.class === 'unchanged');
    if (breaking.length > 0) group(M.groups.breaking, fieldTable(breaking, c), breaking.length);
    if (ambiguous.length > 0) group(M.groups.ambiguous, fieldTable(ambiguous, c), ambiguous.length);
    if (rewrite.length > 0) group(M.groups.rewrite, fieldTable(rewrite, c), rewrite.length);
    if (unchanged.length > 0) group(M.groups.unchanged, fieldTable(unchanged, c), unchanged.length);
  }
  if (r.added.length > 0) group(M.groups.added, addedTable(r.added, c), r.added.length);

  const notes = r.fields.flatMap((f) => f.notes.map((n) => `  ${c.bold(f.v1Path)}: ${n.text}`));
  if (notes.length > 0) out.push('', c.bold(M.notes), ...notes);

  out.push('', M.summary(r.summary));
  if (r.rules) out.push(M.severitySummary(r.summary.severity));
  out.push(c.dim(M.accessorsTip));
  return out.join('\n') + '\n';
}
