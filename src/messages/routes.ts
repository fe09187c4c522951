/** What qwh says for `routes` (and the routing blocker of `migrate`). */
export const ROUTES_MESSAGES = {
  target: {
    website: (id: number, name: string, kind: string) =>
      `website ${id} (${name}), ${kind} campaigns`,
    masterForm: (id: number, name: string) => `Master Form ${id} (${name})`,
    campaign: (id: number, name: string, kind: string) => `campaign ${id} (${name}), ${kind}`,
    other: (kind: string) => `any other campaign, ${kind}`,
  },
  rule: (index: number, level: string, target: string, mode: string, to: string) =>
    `pushRules[${index}] ${level}${target}${mode} → ${to}`,
  exclusion: 'exclusion',
  notPushed: 'not pushed',
  noRule: 'no rule',
  off: 'off',
  title: (account: string) => `Routes of ${account}`,
  header: ['target', 'destinations', 'decided by'] as const,
  headerPlan: ['target', 'today', 'after the plan', 'decided by (after the plan)'] as const,
  preserved: (pairs: string) => `routing preserved: every participation that reached ${pairs}`,
  pair: (v1: string, v2: string) => `1.0 ${v1} reaches 2.0 ${v2}`,
  noPairs:
    'routing preserved: the plan moves no webhook, every participation goes where it goes today',
  notPreserved: (n: number) =>
    `routing NOT preserved: ${n} row${n === 1 ? '' : 's'} would lose deliveries`,
  lostRow: (target: string, lost: string, cause: string) => `${target}: loses ${lost} (${cause})`,
  newlyPushed: (n: number) =>
    `${n} row${n === 1 ? '' : 's'} newly pushed (not a loss; receivers get participations 1.0 did not send):`,
  newlyRow: (target: string, keys: string) => `${target}: now also ${keys}`,
  cause: {
    turnedOff: (key: string) => `"${key}" is turned off after the plan`,
    noRule: 'no rule applies after the plan',
    excluded: (rule: string) => `the exclusion ${rule} decides after the plan`,
    without: (rules: string, key: string) => `${rules} decides after the plan, without "${key}"`,
  },
  blocker: (lostKey: string, from: string, n: number, rows: string) =>
    `${n} target${n === 1 ? '' : 's'} that reach ${from} today would not reach "${lostKey}" after the plan: ${rows}`,
  blockerFrom: (v1: string) => `1.0 "${v1}"`,
  blockerFromOther: (key: string) => `"${key}"`,
  blockerMore: (n: number) => `(+${n} more)`,
  blockerAction: (cause: string) =>
    `Routing would lose deliveries: ${cause}. Fix the push rules in the file (each 1.0 rule needs its 2.0 twin, every 2.0 webhook on), then plan again; \`qwh routes --plan\` lists every row.`,
  nextPlan: (file: string) =>
    `Next: qwh routes ${file} --plan (where each participation goes after the migration)`,
  nextMigrate: (file: string) => `Next: qwh migrate ${file} --dry-run`,
  fixHint:
    'Fix the file (every 1.0 push rule needs its 2.0 twin, every 2.0 webhook must be on), then run qwh routes --plan again.',
  feed: {
    unreachable: (url: string, why: string) => `campaign feed ${url}: ${why}`,
    redirect: (url: string, status: number) =>
      `campaign feed ${url}: answered ${status} (a redirect; qwh does not follow redirects)`,
    status: (url: string, status: number) => `campaign feed ${url}: answered HTTP ${status}`,
    tooBig: (url: string, cap: number) => `campaign feed ${url}: larger than ${cap} bytes`,
    hint: 'Use the feed URL of Settings › Campaign feeds (…/campaignfeed/channels/{feedUuid}/json?clientId={id}), or a saved copy: curl -o feed.json URL',
    title: (source: string) => `Campaign feed ${source}`,
    inSync: 'the file lists every website and campaign of the feed, each on its website',
    missingWebsites: (n: number) =>
      `${n} website${n === 1 ? '' : 's'} of the feed missing from the file:`,
    missingCampaigns: (n: number) =>
      `${n} campaign${n === 1 ? '' : 's'} of the feed missing from the file:`,
    websiteDiffers: (n: number) =>
      `${n} campaign${n === 1 ? '' : 's'} on another website in the file:`,
    website: (id: number, name: string) => `website ${id} (${name})`,
    campaign: (id: number, name: string, website: number) =>
      `campaign ${id} (${name}), website ${website}`,
    differs: (id: number, name: string, file: string, feed: number) =>
      `campaign ${id} (${name}): file ${file}, feed website ${feed}`,
    noWebsite: 'no website',
    fillHint: (file: string) =>
      `Add them to ${file} (or write a new file with qwh init --campaign-feed …), so qwh routes covers every live campaign.`,
    filled: (w: number, c: number) =>
      `from the campaign feed: ${w} website${w === 1 ? '' : 's'}, ${c} campaign${c === 1 ? '' : 's'}`,
  },
} as const;
