import type { DiffReport } from '../../core/diff/session.js';
import type { FieldFinding } from '../../core/diff/classify.js';
import { escapeGithubData, escapeGithubProperty } from './endpoint-github.js';
import { escapeXml } from './endpoint-junit.js';

// diff-payload for CI: one JUnit testcase per 1.0 field (breaking ones fail), and GitHub
// workflow commands (::error per breaking field, ::warning per moved or retyped one).

function change(f: FieldFinding): string {
  const to = f.v2Path ? ` → ${f.v2Path}` : '';
  const type = f.typeChange
    ? ` (${f.typeChange.from.join('|')} → ${f.typeChange.to.join('|')})`
    : '';
  return `${f.v1Path}: ${f.class}${to}${type}`;
}

/** JUnit XML: a testcase per 1.0 field; a breaking field is a failure naming the change. */
export function renderDiffJunit(r: DiffReport, seconds = 0): string {
  const a = escapeXml;
  const tests = r.fields.length;
  const failures = r.fields.filter((f) => f.breaking).length;
  const head = `tests="${tests}" failures="${failures}" errors="0" skipped="0" time="${seconds.toFixed(3)}"`;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="qwh diff-payload" ${head}>`);
  out.push(`  <testsuite name="qwh diff-payload" ${head}>`);
  for (const f of r.fields) {
    const open = `    <testcase classname="qwh.diff-payload" name="${a(f.v1Path)}" time="0.000"`;
    if (!f.breaking) out.push(`${open}/>`);
    else {
      out.push(`${open}>`);
      out.push(`      <failure message="${a(change(f))}" type="${a(f.class)}"/>`);
      out.push('    </testcase>');
    }
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n') + '\n';
}

/** GitHub workflow commands: ::error per breaking field, ::warning per other change, a ::notice last. */
export function renderDiffGithub(r: DiffReport): string {
  const lines: string[] = [];
  for (const f of r.fields) {
    if (f.class === 'unchanged') continue;
    const cmd = f.breaking ? 'error' : 'warning';
    const title = escapeGithubProperty(`qwh diff-payload: ${f.v1Path}`);
    lines.push(`::${cmd} title=${title}::${escapeGithubData(change(f))}`);
  }
  const s = r.summary;
  const cmd = r.failed ? 'error' : 'notice';
  lines.push(
    `::${cmd} title=qwh diff-payload::${escapeGithubData(`${s.fields} fields: ${s.breaking} breaking, ${s.moved} moved, ${s.typeChanged} type-changed, ${s.removed} removed`)}`,
  );
  return lines.join('\n') + '\n';
}
