import type { ChalkInstance } from 'chalk';
import type { CheckResult, CheckStatus } from '../../core/endpoint/checks.js';
import type { EndpointReport } from '../../core/endpoint/report.js';
import { MESSAGES } from '../../messages/index.js';
import { renderTable } from '../table.js';

const M = MESSAGES.endpoint;

function badge(s: CheckStatus, c: ChalkInstance): string {
  switch (s) {
    case 'pass':
      return c.green('PASS');
    case 'fail':
      return c.red.bold('FAIL');
    case 'warn':
      return c.yellow('WARN');
    case 'skip':
      return c.dim('SKIP');
  }
}

/** Lines under a failed check that explain it (the signature facts and the usual causes). */
function explanation(check: CheckResult, withCauses: boolean): string[] {
  const sig = check.details.signature as { explain?: string[]; causes?: string } | undefined;
  const out: string[] = [];
  if (typeof check.details.source === 'string') out.push(`payload: ${check.details.source}`);
  if (sig?.explain) out.push(...sig.explain);
  if (sig?.causes && withCauses) out.push(sig.causes);
  return out;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** The statistics line of a report: deliveries, throughput, latency percentiles, statuses. */
/** The verdict in words, as every test-endpoint reporter states it. */
export function endpointVerdictText(r: EndpointReport): string {
  const M = MESSAGES.endpoint;
  if (r.verdict === 'unreachable') return M.unreachable(r.url);
  return r.verdict === 'fail' ? M.verdictFail(r.counts.fail) : M.verdictPass;
}

export function renderEndpointStats(r: EndpointReport, c: ChalkInstance): string {
  const s = r.stats;
  const parts: string[] = [];
  if (r.mode === 'burst')
    parts.push(
      `${M.burstLine(s.deliveries, seconds(s.durationMs), s.throughputPerSec)} at concurrency ${s.concurrency}`,
    );
  else parts.push(`${s.deliveries} deliveries in ${seconds(s.durationMs)}`);
  if (s.latencyMs)
    parts.push(
      `latency p50 ${s.latencyMs.p50} ms, p95 ${s.latencyMs.p95} ms, p99 ${s.latencyMs.p99} ms, max ${s.latencyMs.max} ms`,
    );
  const hist = Object.entries(s.statuses)
    .map(([k, v]) => `${k} ×${v}`)
    .join(', ');
  if (hist) parts.push(`statuses ${hist}`);
  return c.dim(parts.join(' · '));
}

/**
 * The human report of an endpoint run: one row per check (status, id, reason), explanations
 * under failures, statistics and the verdict. `qwh migrate` reuses it for its verification step.
 */
export function renderEndpointHuman(
  r: EndpointReport,
  c: ChalkInstance,
  opts: { title?: string } = {},
): string {
  const out: string[] = [];
  out.push(
    c.bold(opts.title ?? `qwh test-endpoint → ${r.url}`) +
      c.dim(
        ` (webhook ${r.version}.0, ${r.mode === 'burst' ? 'burst' : 'check suite'}, seed ${r.seed})`,
      ),
    '',
  );
  const rows: string[][] = [];
  const extra = new Map<number, string[]>();
  let causesShown = false;
  for (const check of r.checks) {
    rows.push([badge(check.status, c), check.id, check.reason]);
    // The usual causes are printed once, under the first signature failure.
    const lines = check.status === 'fail' ? explanation(check, !causesShown) : [];
    if (check.details.signature) causesShown = true;
    if (lines.length > 0) extra.set(rows.length - 1, lines);
  }
  const table = renderTable(rows).split('\n');
  const indent = ' '.repeat(8);
  table.forEach((line, i) => {
    out.push(line);
    for (const l of extra.get(i) ?? []) out.push(c.dim(`${indent}↳ ${l}`));
  });
  out.push('', `  ${renderEndpointStats(r, c)}`, '');
  const summary = M.summary(r.counts.pass, r.counts.fail, r.counts.warn, r.counts.skip);
  const icon = r.verdict === 'pass' ? c.green('✔') : c.red('✖');
  out.push(`${icon} ${endpointVerdictText(r)} — ${summary}`);
  return out.join('\n') + '\n';
}
