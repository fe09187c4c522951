/** The GitHub job summary (`$GITHUB_STEP_SUMMARY`) of test-endpoint, diff-payload, migrate --dry-run. */
export const SUMMARY_MESSAGES = {
  endpointTitle: (url: string): string => `### qwh test-endpoint — ${url}`,
  verdictLine: (verdict: string, pass: number, fail: number, warn: number, skip: number): string =>
    `**${verdict}** — ${pass} passed, ${fail} failed, ${warn} warnings, ${skip} skipped`,
  checkHeader: '| check | result | reason |',
  failedTitle: '#### Failed checks',
  diffTitle: '### qwh diff-payload',
  diffLine: (fields: number, breaking: number, moved: number, added: number): string =>
    `${fields} 1.0 fields: **${breaking} breaking**, ${moved} moved, ${added} new in 2.0`,
  diffFailed: (failOn: string): string => `Failed: \`--fail-on ${failOn}\` is met.`,
  diffHeader: '| 1.0 field | 2.0 | change |',
  noBreaking: 'No breaking change.',
  planTitle: (file: string): string => `### qwh migrate --dry-run — ${file}`,
  planLine: (changes: number, webhooks: number, twins: number): string =>
    `${changes} changes: ${webhooks} webhooks 2.0, ${twins} push-rule twins`,
  blockersTitle: (n: number): string => `#### Blockers (${n}): the real run refuses (exit 4)`,
  noBlockers: 'No blocker: the real run can apply this plan.',
  routingPreserved: 'Routing: preserved (every participation still reaches its destinations).',
  routingNotPreserved: (n: number): string =>
    `Routing: **not preserved** (${n === 1 ? 'the blocker' : `${n} blockers`} above).`,
  summaryUnwritable: (file: string, why: string): string =>
    `could not append the job summary to ${file} (${why}); the report itself is complete`,
} as const;
