import type { AccountFile, PushRule, RuleLevel } from '../account/schema.js';
import { CAMPAIGN_MODES, RULE_LEVELS } from '../account/schema.js';

type CampaignMode = (typeof CAMPAIGN_MODES)[number];
import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { StagesDoc } from '../migrate/stages.js';
import { MESSAGES } from '../../messages/index.js';

const M = MESSAGES.simulate;

/** A push rule `--missing-rule` takes out of the simulated back office. */
export interface MissingRule {
  level: RuleLevel;
  target?: number;
  destination: string;
  campaignMode?: CampaignMode;
  text: string;
}

/** Parses `LEVEL:TARGET:DEST` (`campaign:99888:main-v2`) or `default:DEST`; exit 2 otherwise. */
export function parseMissingRule(v: string): MissingRule {
  const parts = v.split(':');
  const level = parts[0] as RuleLevel;
  const bad = (): UserError =>
    new UserError(M.badMissingRule(v), ExitCode.USAGE, M.badMissingRuleHint);
  if (!RULE_LEVELS.includes(level)) throw bad();
  if (level === 'default') {
    if (parts.length !== 2 || !parts[1]) throw bad();
    return { level, destination: parts[1], text: v };
  }
  const target = Number(parts[1]);
  // website:ID:MODE:DEST, as `qwh init --rule` writes it; a website rule without MODE is "both".
  const withMode = level === 'website' && parts.length === 4;
  const destination = withMode ? parts[3] : parts[2];
  const mode = withMode ? (parts[2] as CampaignMode) : undefined;
  if (withMode && !CAMPAIGN_MODES.includes(mode!)) throw bad();
  if (parts.length !== (withMode ? 4 : 3) || !Number.isInteger(target) || target <= 0) throw bad();
  if (!destination) throw bad();
  return { level, target, destination, ...(mode ? { campaignMode: mode } : {}), text: v };
}

/** What the simulated back office holds, and what of the file it leaves out (and why). */
export interface BackOfficeView {
  /** The account as Qualifio has it: routing runs on this. */
  account: AccountFile;
  /** 2.0 webhooks of the file the admin has not confirmed `configured`. */
  absent: Array<{ key: string; stage: string }>;
  /** Rules left out by `--missing-rule`. */
  missing: string[];
}

function matches(r: PushRule, m: MissingRule): boolean {
  return (
    r.level === m.level &&
    r.destination === m.destination &&
    r.target === m.target &&
    (m.campaignMode === undefined || (r.campaignMode ?? 'both') === m.campaignMode)
  );
}

/**
 * The back office `qwh simulate` stands in for, from the account file and the stages: a 2.0
 * webhook migrate wrote is there only once the admin confirmed `configured` (at `planned` it
 * and its rules exist in the file only); 1.0 is as the file says (enabled until `confirm
 * v1-off`, gone at `v1-deleted`); each `--missing-rule` is a rule twin the admin forgot. A
 * `--missing-rule` the file does not have is exit 2. Pure.
 */
export function backOfficeView(
  account: AccountFile,
  stages: StagesDoc,
  missing: readonly MissingRule[],
  file: string,
): BackOfficeView {
  const absent = stages.webhooks
    .filter((w) => w.stage === 'planned' && account.webhooks.some((x) => x.key === w.v2Key))
    .map((w) => ({ key: w.v2Key, stage: w.stage }));
  const gone = new Set(absent.map((a) => a.key));
  for (const m of missing)
    if (!account.pushRules.some((r) => matches(r, m)))
      throw new UserError(M.noSuchRule(m.text, file), ExitCode.USAGE, M.noSuchRuleHint(file));
  const pushRules = account.pushRules.filter(
    (r) =>
      !(r.destination !== null && gone.has(r.destination)) && !missing.some((m) => matches(r, m)),
  );
  return {
    account: { ...account, webhooks: account.webhooks.filter((w) => !gone.has(w.key)), pushRules },
    absent,
    missing: missing.map((m) => m.text),
  };
}
