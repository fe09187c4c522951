import type { EndpointReport } from '../../core/endpoint/report.js';
import { MESSAGES } from '../../messages/index.js';
import { endpointVerdictText } from './endpoint-human.js';

/** Escapes a workflow-command message (GitHub's rules: %, CR, LF). */
export function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow-command property value (also `:` and `,`). */
export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions annotations: `::error` per failed check, `::warning` per warning, then a
 * `::notice` with the verdict. Printed after the human table, so the log stays readable.
 */
export function renderEndpointGithub(r: EndpointReport): string {
  const lines: string[] = [];
  for (const c of r.checks) {
    if (c.status !== 'fail' && c.status !== 'warn') continue;
    const cmd = c.status === 'fail' ? 'error' : 'warning';
    const sig = c.details.signature as { explain?: string[]; causes?: string } | undefined;
    const msg = [c.reason, ...(sig?.explain ?? []), ...(sig?.causes ? [sig.causes] : [])].join(
      '\n',
    );
    lines.push(
      `::${cmd} title=${escapeGithubProperty(`qwh test-endpoint: ${c.id}`)}::${escapeGithubData(msg)}`,
    );
  }
  const M = MESSAGES.endpoint;
  const summary = M.summary(r.counts.pass, r.counts.fail, r.counts.warn, r.counts.skip);
  const verdict = endpointVerdictText(r);
  const cmd = r.verdict === 'pass' ? 'notice' : 'error';
  lines.push(
    `::${cmd} title=${escapeGithubProperty('qwh test-endpoint')}::${escapeGithubData(`${verdict} — ${summary} (${r.url})`)}`,
  );
  return lines.join('\n') + '\n';
}
