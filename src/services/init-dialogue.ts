import type { Logger, Prompter } from '../contracts/index.js';
import {
  answerProblems,
  checkOtherIntegration,
  checkId,
  checkName,
  checkUrl,
  maskInitUrl,
  ruleSpec,
  unnamedIds,
  urlHasCredentials,
  webhookKeyFor,
  type InitAnswers,
  type Named,
} from '../core/account/init.js';
import type { InitSeed } from '../core/account/init-input.js';
import {
  CAMPAIGN_MODES,
  RULE_LEVELS,
  type PushRule,
  type RuleLevel,
} from '../core/account/schema.js';
import { describeScope } from '../core/account/scope.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';
import { BACK_OFFICE } from '../core/assumptions.js';

export interface DialogueDeps {
  prompt: Prompter;
  log: Logger;
  /** Called with every URL typed, so its credentials are masked in any later output. */
  onUrl: (url: string) => void;
  /** Formats a section title (bold on a colour terminal). */
  title: (s: string) => string;
}

const PLACEHOLDER_URL = 'https://placeholder.invalid/';
const PLACEHOLDER_NAME = '?';
const Q = MESSAGES.init;

/**
 * The first problem the account-file checks (`qwh check`'s) find once `change` is applied to a
 * copy of the answers, or undefined. Ids still waiting for a name get a placeholder, so only the
 * new answer is judged.
 */
function problemWith(a: InitAnswers, change: (draft: InitAnswers) => void): string | undefined {
  const draft = structuredClone(a);
  change(draft);
  const missing = unnamedIds(draft);
  const fill = (list: Named[], ids: number[]): void => {
    if (list.length) list.push(...ids.map((id) => ({ id, name: PLACEHOLDER_NAME })));
  };
  fill(draft.websites, missing.websites);
  fill(draft.masterForms, missing.masterForms);
  fill(draft.campaigns, missing.campaigns);
  return answerProblems(draft)[0]?.message;
}

function listFor(a: InitAnswers, level: Exclude<RuleLevel, 'default'>): Named[] {
  return level === 'website' ? a.websites : level === 'masterForm' ? a.masterForms : a.campaigns;
}

/** The three kinds of question every section asks, each checked as typed. */
interface Askers {
  id(message: string, flag: string, extra?: (id: number) => string | undefined): Promise<number>;
  url(message: string, flag: string, optional: boolean): Promise<string>;
  ensureName(list: Named[], id: number, message: string, flag: string): Promise<void>;
}

function askersFor(deps: DialogueDeps): Askers {
  const { prompt: p, log } = deps;
  return {
    id: async (message, flag, extra) =>
      Number(
        (
          await p.input(message, flag, (v) => {
            const r = checkId(v);
            if (!r.ok) return r.message;
            return extra?.(r.id) ?? true;
          })
        ).trim(),
      ),
    url: async (message, flag, optional) => {
      const url = (
        await p.input(
          message,
          flag,
          (v) => (optional && v.trim() === '' ? true : checkUrl(v)),
          undefined,
          { maskFinal: maskInitUrl },
        )
      ).trim();
      if (url) {
        deps.onUrl(url);
        if (urlHasCredentials(url)) log.info(`  ${Q.credentialsNotice}`);
      }
      return url;
    },
    ensureName: async (list, id, message, flag) => {
      if (list.some((n) => n.id === id)) return;
      const name = (await p.input(message, flag, checkName)).trim();
      list.push({ id, name });
    },
  };
}

/** The webhooks 1.0 section: the account-level URL, then website-level ones, until there is one. */
async function askWebhooks(a: InitAnswers, ask: Askers, deps: DialogueDeps): Promise<void> {
  const { prompt: p, log } = deps;
  log.info(`\n${deps.title(Q.webhookSection(BACK_OFFICE.webhook1))}`);
  for (;;) {
    const url = await ask.url(Q.askAccountUrl, '--v1-url', true);
    if (url) a.webhooks.push({ scope: 'account', url, origin: Q.askAccountUrl });
    let more = await p.confirm(Q.askAddWebsiteWebhook, '--website-webhook', ExitCode.USAGE);
    while (more) {
      const wid = await ask.id(Q.askWebsiteId, '--website-webhook', (wid) =>
        problemWith(a, (d) =>
          d.webhooks.push({ scope: { website: wid }, url: PLACEHOLDER_URL, origin: '' }),
        ),
      );
      await ask.ensureName(a.websites, wid, Q.askWebsiteName(wid), '--website');
      const wurl = await ask.url(Q.askWebsiteUrl(wid), '--website-webhook', false);
      a.webhooks.push({ scope: { website: wid }, url: wurl, origin: Q.askWebsiteUrl(wid) });
      more = await p.confirm(Q.askAnotherWebsiteWebhook, '--website-webhook', ExitCode.USAGE);
    }
    if (a.webhooks.length > 0) return;
    log.error(Q.noWebhook);
  }
}

/** Where one rule pushes: one of the file's webhooks, another integration, or nothing. */
async function askDestination(a: InitAnswers, rule: PushRule, p: Prompter): Promise<string | null> {
  const names = new Map(a.websites.map((w) => [w.id, w.name]));
  const own = a.webhooks.find(
    (w) => rule.level === 'website' && w.scope !== 'account' && w.scope.website === rule.target,
  );
  const OTHER = '\u0000other';
  const NONE = '\u0000none';
  const dest = await p.select(
    Q.askDestination,
    '--rule',
    [
      ...a.webhooks.map((w) => ({
        name: Q.destWebhook(webhookKeyFor(w.scope), describeScope(w.scope, names)),
        value: webhookKeyFor(w.scope),
      })),
      { name: Q.destOther, value: OTHER },
      { name: Q.destNone, value: NONE },
    ],
    own ? webhookKeyFor(own.scope) : undefined,
  );
  if (dest === NONE) return null;
  if (dest === OTHER)
    return (
      await p.input(Q.askOtherIntegration, '--rule', (t) =>
        checkOtherIntegration(
          t,
          a.webhooks.map((w) => webhookKeyFor(w.scope)),
        ),
      )
    ).trim();
  return dest;
}

/** One push rule: level, target (named), campaign mode of a website rule, destination. */
async function askRule(a: InitAnswers, ask: Askers, p: Prompter): Promise<PushRule> {
  const level = await p.select(
    Q.askLevel,
    '--rule',
    RULE_LEVELS.map((l) => ({ name: Q.levelChoice(l), value: l, description: Q.levelHelp[l] })),
  );
  const rule: PushRule = { level, destination: null };
  if (level !== 'default') {
    const target = await ask.id(Q.askTarget(level), '--rule');
    rule.target = target;
    await ask.ensureName(listFor(a, level), target, Q.askTargetName(level, target), '--rule');
    if (level === 'website') {
      rule.campaignMode = await p.select(
        Q.askMode,
        '--rule',
        CAMPAIGN_MODES.map((m) => ({ name: m, value: m, description: Q.modeHelp[m] })),
      );
    }
  }
  rule.destination = await askDestination(a, rule, p);
  return rule;
}

/** The push rules section: rules one by one, each checked against the whole draft file. */
async function askRules(a: InitAnswers, ask: Askers, deps: DialogueDeps): Promise<void> {
  const { prompt: p, log } = deps;
  log.info(`\n${deps.title(Q.rulesSection(BACK_OFFICE.pushRules))}`);
  let more = await p.confirm(Q.askAddRule, '--rule', ExitCode.USAGE, true);
  while (more) {
    const rule = await askRule(a, ask, p);
    const origin = `push rule ${ruleSpec(rule)}`;
    const problem = problemWith(a, (d) => d.rules.push({ rule, origin }));
    if (problem) log.error(Q.ruleRejected(problem));
    else a.rules.push({ rule, origin });
    more = await p.confirm(Q.askAnotherRule, '--rule', ExitCode.USAGE);
  }
  if (a.rules.length === 0) log.warn(Q.noRules);
}

/**
 * Ids that came from flags without a name: websites always need one (part of the scope);
 * Master Forms and campaigns only once the file lists any (then every one must be listed).
 */
async function askMissingNames(a: InitAnswers, ask: Askers): Promise<void> {
  const missing = unnamedIds(a);
  for (const wid of missing.websites)
    await ask.ensureName(a.websites, wid, Q.askWebsiteName(wid), '--website');
  if (a.masterForms.length)
    for (const mid of missing.masterForms)
      await ask.ensureName(a.masterForms, mid, Q.askTargetName('masterForm', mid), '--master-form');
  if (a.campaigns.length)
    for (const cid of missing.campaigns)
      await ask.ensureName(a.campaigns, cid, Q.askTargetName('campaign', cid), '--campaign');
}

/** Asks the admin, question by question, what the back office shows; every answer is checked as typed. */
export async function runInitDialogue(seed: InitSeed, deps: DialogueDeps): Promise<InitAnswers> {
  const { prompt: p, log } = deps;
  const ask = askersFor(deps);
  log.info(Q.intro);
  log.info(`\n${deps.title(Q.accountSection)}`);
  const id = seed.account.id ?? (await ask.id(Q.askAccountId, '--account-id'));
  const name =
    seed.account.name ?? (await p.input(Q.askAccountName, '--account-name', checkName)).trim();
  const a: InitAnswers = {
    account: { id, name },
    websites: [...seed.websites],
    masterForms: [...seed.masterForms],
    campaigns: [...seed.campaigns],
    webhooks: [...seed.webhooks],
    rules: [...seed.rules],
  };
  if (a.webhooks.length === 0) await askWebhooks(a, ask, deps);
  if (a.rules.length === 0) await askRules(a, ask, deps);
  await askMissingNames(a, ask);
  return a;
}
