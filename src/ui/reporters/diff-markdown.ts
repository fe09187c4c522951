import type { FieldFinding } from '../../core/diff/classify.js';
import type { DiffReport, DiffSample } from '../../core/diff/session.js';
import { MESSAGES } from '../../messages/index.js';
import { addedDetail, changeLabel, foundBy } from './diff.js';

const M = MESSAGES.diff;

/** Inline code that survives any content: backticks fenced by longer runs, pipes escaped for tables. */
export function code(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function fieldRow(f: FieldFinding): string {
  const path =
    f.class === 'ambiguous'
      ? f.candidates.map((c) => code(c.v2Path)).join(' or ')
      : f.v2Path
        ? code(f.v2Path)
        : '—';
  return `| ${f.severity} | ${code(f.v1Path)} | ${cell(changeLabel(f))} | ${path} | ${f.jsonPath ? code(f.jsonPath) : '—'} | ${f.accessor ? code(f.accessor) : '—'} | ${cell(foundBy(f))} | ${cell(f.notes.map((n) => n.text).join('; '))} |`;
}

function fence(lang: string, body: string): string {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${body}\n${f}`;
}

/** The Markdown report for a ticket: summary, field table with JSONPath and JS accessors, added parts, one masked sample before/after. */
export function renderDiffMarkdown(r: DiffReport, sample: DiffSample): string {
  const s = r.summary;
  const { v1, v2 } = r.inputs;
  const out: string[] = [`# ${M.markdown.title}`, ''];
  out.push(
    `**1.0:** ${code(v1.source)} — ${v1.payloads} payloads · **2.0:** ${code(v2.source)} — ${v2.payloads} payloads · ${r.pairing.pairs > 0 ? M.paired(r.pairing.pairs) : M.shapesOnly}`,
    '',
    `## ${M.markdown.summary}`,
    '',
    '| breaking | moved | type-changed | removed | ambiguous | unchanged | added |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| **${s.breaking}** | ${s.moved} | ${s.typeChanged} | ${s.removed} | ${s.ambiguous} | ${s.unchanged} | ${s.added} |`,
    '',
  );
  if (r.rules) out.push(M.severitySummary(s.severity), '');
  if (r.rules && r.rules.notSeen.length > 0)
    out.push(`> ${cell(M.rulesNotSeen(r.rules.notSeen))}`, '');
  out.push(
    `## ${M.markdown.fields}`,
    '',
    '| severity | 1.0 field | change | 2.0 path | JSONPath | JavaScript | found by | notes |',
    '|---|---|---|---|---|---|---|---|',
    ...r.fields.map(fieldRow),
    '',
  );
  if (r.added.length > 0) {
    out.push(`## ${M.markdown.added}`, '', '| 2.0 path | type | seen | |', '|---|---|---:|---|');
    for (const a of r.added)
      out.push(
        `| ${code(a.v2Path)} | ${a.types.join(', ')} | ${a.presence.present}/${a.presence.of} | ${cell(addedDetail(a, 2))} |`,
      );
    out.push('');
  }
  if (sample.v1 !== undefined || sample.v2 !== undefined) {
    out.push(`## ${sample.paired ? M.markdown.sample : M.markdown.sampleUnpaired}`, '');
    if (sample.v1 !== undefined)
      out.push('**1.0**', '', fence('json', JSON.stringify(sample.v1, null, 2)), '');
    if (sample.v2 !== undefined) {
      let body = JSON.stringify(sample.v2, null, 2);
      if (sample.v2Omitted.length > 0) body += `\n// ${M.markdown.omitted(sample.v2Omitted)}`;
      out.push('**2.0**', '', fence('jsonc', body), '');
    }
  }
  out.push(`_${M.markdown.generated}_`);
  return out.join('\n') + '\n';
}
