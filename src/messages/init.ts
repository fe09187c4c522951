/** What qwh says for `init`. */
import { levelLabel, RULE_SHAPES } from './rule-words.js';

export const INIT_MESSAGES = {
  intro:
    'qwh init writes the account file: how your Qualifio account uses webhook 1.0 today. Answer from the back office; press Ctrl-C to stop (nothing is written).',
  accountSection: 'Account (back office › Account settings)',
  /** `menu`: the back-office path the runbook names too (BACK_OFFICE in src/core/assumptions.ts). */
  webhookSection: (menu: string) =>
    `Webhooks 1.0 (back office › ${menu}): at most one for the account and one per website`,
  rulesSection: (menu: string) =>
    `Push rules (back office › ${menu}), one by one as the list shows them`,
  askAccountId: 'Account id',
  askAccountName: 'Account name',
  askAccountUrl: 'Account-level webhook 1.0 URL (empty if the account has none)',
  askAddWebsiteWebhook: 'Add a website-level webhook 1.0?',
  askAnotherWebsiteWebhook: 'Add another website-level webhook 1.0?',
  askWebsiteId: 'Website id',
  askWebsiteName: (id: number) => `Name of website ${id}`,
  askWebsiteUrl: (id: number) => `Webhook 1.0 URL of website ${id}`,
  askAddRule: 'Add a push rule?',
  askAnotherRule: 'Add another push rule?',
  askLevel: 'Rule level',
  askTarget: (level: string) => `${levelLabel(level)} id`,
  askTargetName: (level: string, id: number) => `Name of ${levelLabel(level).toLowerCase()} ${id}`,
  askMode: 'Campaign mode',
  askDestination: 'Push destination',
  askOtherIntegration: 'Name of the other integration (as the back office names it)',
  askWrite: (file: string) => `Write ${file}?`,
  askOverwrite: (file: string) => `${file} exists. Replace it (the old one is kept as a backup)?`,
  levelChoice: (level: string) => levelLabel(level),
  levelHelp: {
    default: 'the account-wide rule (no target)',
    website: 'every campaign of one website, by campaign mode',
    masterForm: 'every campaign using one Master Form',
    campaign: 'one campaign',
  } as Record<string, string>,
  modeHelp: {
    anonymous: 'anonymous campaigns only',
    identified: 'identified campaigns only',
    both: 'anonymous and identified campaigns',
  } as Record<string, string>,
  destWebhook: (key: string, scope: string) => `webhook 1.0 "${key}" — ${scope}`,
  destOther: 'another integration (a CRM, …): left alone by qwh',
  destNone: 'none: an exclusion (stops pushes for this target)',
  noWebhook: 'at least one webhook 1.0 is needed: that is what qwh moves to 2.0',
  ruleRejected: (problem: string) => `this rule is not added: ${problem}`,
  noRules: 'no push rules: a webhook receives nothing until a push rule names it as destination',
  credentialsNotice:
    'the URL holds credentials: they are written to the file as given, and masked on screen',
  preview: (file: string) => `${file} (credentials masked):`,
  wrote: (file: string) => `Wrote ${file}.`,
  backup: (file: string) => `The previous file is kept as ${file}.`,
  next: (file: string) => `Next: qwh check ${file}, then qwh migrate ${file} --dry-run`,
  notWritten: 'Nothing written.',
  badId: (v: string) => `"${v}" is not an id: a positive whole number`,
  emptyName: 'must not be empty',
  integrationIsWebhookKey: (name: string, key: string) =>
    `"${name}" is the key of this file's webhook ${key}: a push rule naming it pushes to that webhook, not to another integration; give the integration's name as the back office shows it`,
  ruleDestTypo: (spec: string, dest: string, key: string) =>
    `--rule ${spec}: "${dest}" is not a webhook key of this file (did you mean ${key}?)`,
  ruleDestTypoHint: (dest: string) =>
    `If "${dest}" really is another integration (a CRM), write its name as integration:${dest}.`,
  badUrl: 'Invalid URL: give the full http(s):// address',
  badPair: (v: string) => `"${v}" must be ID=VALUE, e.g. 1234=Acme News`,
  badRuleLevel: (spec: string, levels: readonly string[]) =>
    `--rule ${spec}: the level must be one of ${levels.join(', ')}`,
  badRuleShape: (spec: string, level: string) =>
    `--rule ${spec}: a ${level} rule is ${RULE_SHAPES[level] ?? 'LEVEL:…:DESTINATION'}`,
  badRuleMode: (spec: string, modes: readonly string[]) =>
    `--rule ${spec}: the campaign mode must be one of ${modes.join(', ')}`,
  ruleHint:
    'A rule is default:DEST, website:ID:MODE:DEST, masterForm:ID:DEST or campaign:ID:DEST; DEST is a webhook key (main, website-<id>), another integration, or - for an exclusion.',
  credentialsInArgv: (flag: string) =>
    `${flag}: the URL holds credentials (user:password or a token), and arguments are visible to every process`,
  credentialsInArgvHint: (envFlag: string) =>
    `Put the URL in an environment variable and pass its name: ${envFlag} NAME.`,
  envUrlMissing: (name: string) => `environment variable ${name} is not set or empty`,
  envUrlMissingHint: (name: string) => `Export it first: export ${name}='https://…'`,
  envUrlInvalid: (name: string) => `environment variable ${name} does not hold a valid http(s) URL`,
  unnamed: (kind: string, flag: string, ids: readonly number[]) =>
    `${kind} ${ids.join(', ')} ${ids.length === 1 ? 'has' : 'have'} no name: add ${ids.map((i) => `${flag} ${i}=NAME`).join(' ')}`,
  missingFlags: (flags: readonly string[]) => `--from-flags needs ${flags.join(', ')}`,
  missingFlagsHint:
    'Example: qwh init --from-flags --account-id 4321 --account-name "Acme Media" --v1-url-env ACME_V1_URL --rule default:main',
  needsFlags:
    'no terminal to ask on (or CI is set): qwh init needs --from-flags with --account-id, --account-name and a webhook 1.0 (--v1-url, --v1-url-env, --website-webhook or --website-webhook-env)',
  needsFlagsHint:
    'Example: qwh init --from-flags --account-id 4321 --account-name "Acme Media" --v1-url-env ACME_V1_URL --rule default:main  (see qwh init --help)',
  invalid: (n: number) =>
    `the answers do not make a valid account file (${n} problem${n === 1 ? '' : 's'})`,
  exists: (file: string) => `${file} already exists`,
  existsHint: 'Pass --force to replace it (a backup of the old file is kept), or --out OTHER_FILE.',
  notRegular: (file: string) =>
    `${file} exists and is not a regular file (a symlink, folder or device)`,
  notRegularHint: 'Choose another path with --out.',
  cannotWrite: (file: string, reason: string) => `${file}: cannot write (${reason})`,
  declined: (file: string) => `${file} was not replaced`,
  badSchema: 'the schema reference must be a URL, a path, "local" or "none"',
  header: (id: number, name: string, version: string, file: string) => [
    `Qualifio account ${id} (${name}): its webhooks 1.0 and push rules; written by qwh init ${version}.`,
    `Check it: qwh check ${file} · plan the move to 2.0: qwh migrate ${file} --dry-run`,
  ],
} as const;
