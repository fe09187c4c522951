/** `qwh simulate`: a Qualifio stand-in delivering over both versions. */
export const SIMULATE_MESSAGES = {
  badMissingRule: (v: string) =>
    `--missing-rule ${v}: expected LEVEL:TARGET:DEST (campaign:99888:main-v2) or default:DEST`,
  badMissingRuleHint: 'levels: default, website, masterForm, campaign; DEST is a webhook key',
  noSuchRule: (v: string, file: string) => `--missing-rule ${v}: ${file} has no such push rule`,
  noSuchRuleHint: (file: string) => `list the rules with: qwh routes ${file}`,
  notInBackOffice: (key: string, stage: string) =>
    `${key} is not in the back office yet (stage ${stage}): nothing is delivered to it`,
  missingRule: (rule: string) => `rule missing from the back office: ${rule}`,
  title: (n: number, file: string, seed: number) =>
    `Simulated ${n} participation${n === 1 ? '' : 's'} on ${file} (seed ${seed}), as Qualifio would deliver them`,
  line: (key: string, version: 1 | 2, url: string, sent: number, ok: number) =>
    `${key} (${version}.0) → ${url}: ${sent} sent, ${ok} answered 2xx`,
  wouldSend: (key: string, version: 1 | 2, url: string, n: number) =>
    `${key} (${version}.0) → ${url}: would send ${n}`,
  failed: (n: number) => `${n} deliver${n === 1 ? 'y' : 'ies'} failed (not 2xx or unreachable)`,
  notPushed: (n: number) =>
    `${n} participation${n === 1 ? '' : 's'} reached no webhook (not pushed, excluded, another integration, or incomplete where no webhook takes them)`,
  nothingDelivered: 'no enabled webhook of the back office receives these participations',
  next: (file: string) => `next: qwh migrate observe ${file} --captures <what the receivers saved>`,
  dryRun: 'dry run: nothing sent',
  sending: (n: number) => `delivering ${n} participations…`,
} as const;
