import type { AccountWarning } from '../../core/account/semantics.js';
import { formatPath } from '../../core/path.js';
import type { CheckProblem } from './check.js';
import { escapeGithubData, escapeGithubProperty } from './endpoint-github.js';
import { escapeXml } from './endpoint-junit.js';

// check for CI: JUnit (each problem of an invalid file a failure; warnings as output) and GitHub
// workflow commands (::error per problem with file and line, ::warning per warning).

const where = (p: { path: ReadonlyArray<string | number> }): string => formatPath(p.path);

/** JUnit XML of `qwh check`: one testcase per problem (failing), or one passing `valid` case. */
export function renderCheckJunit(
  file: string,
  problems: readonly CheckProblem[],
  warnings: readonly AccountWarning[],
  seconds = 0,
): string {
  const a = escapeXml;
  const tests = Math.max(problems.length, 1);
  const time = seconds.toFixed(3);
  const head = `tests="${tests}" failures="${problems.length}" errors="0" skipped="0" time="${time}"`;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites name="qwh check" ${head}>`,
    `  <testsuite name="${a(`qwh check ${file}`)}" ${head}>`,
  );
  for (const p of problems) {
    out.push(`    <testcase classname="qwh.check" name="${a(where(p))}" time="0.000">`);
    out.push(`      <failure message="${a(p.message)}" type="invalid"/>`, '    </testcase>');
  }
  if (problems.length === 0) {
    const text = warnings.map((w) => `WARN ${where(w)}: ${w.message}`).join('\n');
    out.push(`    <testcase classname="qwh.check" name="valid" time="${time}">`);
    if (text) out.push(`      <system-out>${a(text)}</system-out>`);
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n') + '\n';
}

/** GitHub workflow commands of `qwh check`: ::error per problem (file, line), ::warning per warning. */
export function renderCheckGithub(
  file: string,
  problems: readonly CheckProblem[],
  warnings: readonly AccountWarning[],
): string {
  const f = escapeGithubProperty(file);
  const lines = problems.map((p) => {
    const at =
      p.line !== undefined
        ? `,line=${p.line}${p.column !== undefined ? `,col=${p.column}` : ''}`
        : '';
    return `::error file=${f}${at},title=${escapeGithubProperty(`qwh check: ${where(p)}`)}::${escapeGithubData(p.message)}`;
  });
  for (const w of warnings)
    lines.push(
      `::warning file=${f},title=${escapeGithubProperty(`qwh check: ${where(w)}`)}::${escapeGithubData(w.message)}`,
    );
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
