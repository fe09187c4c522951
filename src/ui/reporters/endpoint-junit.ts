import { neutralizeControls } from '../../core/control-text.js';
import type { CheckResult } from '../../core/endpoint/checks.js';
import type { EndpointReport } from '../../core/endpoint/report.js';

/**
 * Escapes text for XML content and attribute values: the five special characters; a control
 * character is shown as the terminal shows it (`\u001b`, `neutralizeControls`: the C0 ones XML 1.0
 * cannot carry at all, and the DEL, C1 and bidi characters it can but a viewer would obey), CR
 * and LF as character references; what XML cannot carry and has no visible form (lone
 * surrogates, U+FFFE/U+FFFF) is dropped.
 */
export function escapeXml(text: string): string {
  return text
    .split('\r')
    .map((part) => neutralizeControls(part))
    .join('\r')
    .replace(/[\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;');
}

function detailText(c: CheckResult): string {
  const lines = [c.reason];
  const sig = c.details.signature as { explain?: string[]; causes?: string } | undefined;
  if (typeof c.details.source === 'string') lines.push(`payload: ${c.details.source}`);
  if (sig?.explain) lines.push(...sig.explain);
  if (sig?.causes) lines.push(sig.causes);
  return lines.join('\n');
}

/** JUnit XML of an endpoint run: one testsuite, one testcase per check (WARN passes, with output). */
export function renderEndpointJunit(r: EndpointReport): string {
  const seconds = (r.stats.durationMs / 1000).toFixed(3);
  const tests = r.checks.length;
  const failures = r.counts.fail;
  const skipped = r.counts.skip;
  const a = escapeXml;
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<testsuites name="qwh test-endpoint" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds}">`,
  );
  out.push(
    `  <testsuite name="${a(`qwh test-endpoint ${r.url}`)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds}">`,
  );
  out.push('    <properties>');
  for (const [k, v] of [
    ['url', r.url],
    ['webhookVersion', String(r.version)],
    ['mode', r.mode],
    ['seed', String(r.seed)],
    ['verdict', r.verdict],
  ] as const)
    out.push(`      <property name="${a(k)}" value="${a(v)}"/>`);
  out.push('    </properties>');
  for (const c of r.checks) {
    const time = ((c.durationMs ?? 0) / 1000).toFixed(3);
    const open = `    <testcase classname="qwh.test-endpoint" name="${a(c.id)}" time="${time}">`;
    if (c.status === 'pass') {
      out.push(`    <testcase classname="qwh.test-endpoint" name="${a(c.id)}" time="${time}"/>`);
    } else if (c.status === 'fail') {
      out.push(open);
      out.push(
        `      <failure message="${a(c.reason)}" type="${a(c.id)}">${a(detailText(c))}</failure>`,
      );
      out.push('    </testcase>');
    } else if (c.status === 'skip') {
      out.push(open);
      out.push(`      <skipped message="${a(c.reason)}"/>`);
      out.push('    </testcase>');
    } else {
      out.push(open);
      out.push(`      <system-out>${a(`WARN: ${c.reason}`)}</system-out>`);
      out.push('    </testcase>');
    }
  }
  out.push('  </testsuite>');
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
