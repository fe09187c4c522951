import { Document, isMap, isSeq, type Node } from 'yaml';
import { TOKEN_QUERY_PARAM } from '../assumptions.js';
import { formatPath, type Problem } from '../path.js';
import { maskUrl, decodeOr } from '../redact.js';
import { badPercentMessage, badPercentPart } from '../url-escapes.js';
import { MESSAGES } from '../../messages/index.js';
import {
  AccountFileSchema,
  CAMPAIGN_MODES,
  PushRuleSchema,
  RULE_LEVELS,
  WebhookV1Schema,
  type PushRule,
  type RuleLevel,
  type Scope,
} from './schema.js';
import { validateAccount } from './validate.js';

/**
 * What `qwh init` collects (from the dialogue or from flags) before it becomes an account file.
 * Pure: building, checking and rendering the file happen here; reading flags, prompting and
 * writing happen in src/commands/init.ts and src/services/init-dialogue.ts.
 */
export interface Named {
  id: number;
  name: string;
}

/** One webhook 1.0 and where its answer came from (a flag, or a question), for error messages. */
export interface InitWebhook {
  scope: Scope;
  url: string;
  origin: string;
}

/** One push rule and where it came from. */
export interface InitRule {
  rule: PushRule;
  origin: string;
}

export interface InitAnswers {
  account: { id: number; name: string };
  websites: Named[];
  masterForms: Named[];
  /** A campaign's website is known when a campaign feed listed it (`--campaign-feed`). */
  campaigns: Array<Named & { websiteId?: number }>;
  webhooks: InitWebhook[];
  rules: InitRule[];
}

/** Plain data of an account file as init writes it (input side of the schema: defaults spelled out). */
export interface InitAccountData {
  $schema?: string;
  version: 1;
  account: { id: number; name: string };
  websites?: Named[];
  masterForms?: Named[];
  campaigns?: Array<Named & { websiteId?: number }>;
  webhooks: Array<{ key: string; version: 1; scope: Scope; url: string; enabled: boolean }>;
  pushRules: PushRule[];
}

/**
 * Where editors find the account file's JSON Schema: the file shipped in the npm package of this
 * very qwh version, served by jsDelivr. Versioned, so a file written by qwh 0.1 keeps being checked
 * against the 0.1 format even after later releases; `qwh init --schema local` writes a path to the
 * installed copy instead (offline editors).
 */
export function schemaUrlFor(version: string): string {
  return `https://cdn.jsdelivr.net/npm/qwh@${version}/schema/account.schema.json`;
}

/** Key of the account-level webhook 1.0 in a file written by init; push rules name it. */
export const ACCOUNT_WEBHOOK_KEY = 'main';

/** Key init gives a webhook: `main` for the account one, `website-<id>` for a website's. */
export function webhookKeyFor(scope: Scope): string {
  return scope === 'account' ? ACCOUNT_WEBHOOK_KEY : `website-${scope.website}`;
}

/** The rule level names a user may type (`master-form` and `masterform` mean `masterForm`). */
export function parseLevel(text: string): RuleLevel | undefined {
  const t = text.trim().toLowerCase().replace(/[-_ ]/g, '');
  return RULE_LEVELS.find((l) => l.toLowerCase() === t);
}

const IdSchema = AccountFileSchema.shape.account.shape.id;
const NameSchema = AccountFileSchema.shape.account.shape.name;
const UrlSchema = WebhookV1Schema.shape.url;

/** Checks an id answer with the account-file schema: a positive whole number within 2^53. */
export function checkId(text: string): { ok: true; id: number } | { ok: false; message: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { ok: false, message: MESSAGES.init.badId(t) };
  const r = IdSchema.safeParse(Number(t));
  if (!r.success || !Number.isSafeInteger(Number(t)))
    return { ok: false, message: MESSAGES.init.badId(t) };
  return { ok: true, id: r.data };
}

/** Checks a name answer with the account-file schema (non-empty). */
export function checkName(text: string): true | string {
  return NameSchema.safeParse(text.trim()).success ? true : MESSAGES.init.emptyName;
}

/** Checks a 1.0 URL answer with the account-file schema (http or https, well formed). */
export function checkUrl(text: string): true | string {
  const url = text.trim();
  const part = badPercentPart(url);
  if (part) return badPercentMessage(part);
  return UrlSchema.safeParse(url).success ? true : MESSAGES.init.badUrl;
}

/** Checks a destination name: a webhook key or another integration's name, as the schema allows. */
export function checkDestination(text: string): true | string {
  return PushRuleSchema.shape.destination.safeParse(text.trim()).success && text.trim() !== ''
    ? true
    : MESSAGES.init.emptyName;
}

/**
 * Checks the name of another integration (a CRM): not empty, and not a webhook key of the file —
 * the account file could not tell a rule for that integration from a rule for the webhook.
 */
export function checkOtherIntegration(text: string, webhookKeys: readonly string[]): true | string {
  const ok = checkDestination(text);
  if (ok !== true) return ok;
  const name = text.trim();
  const key = webhookKeys.find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? true : MESSAGES.init.integrationIsWebhookKey(name, key);
}

/** True when a URL carries credentials (user:pass@, or a credential-like query parameter). */
export function urlHasCredentials(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return /\/\/[^/@]*@/.test(raw);
  }
  if (u.username || u.password) return true;
  for (const [k] of u.searchParams) if (TOKEN_QUERY_PARAM.test(k)) return true;
  return false;
}

/** The secret parts of a URL (password, credential-like query values) to register for masking. */
export function urlSecrets(raw: string): string[] {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return [];
  }
  const out: string[] = [];
  if (u.password) out.push(u.password, decodeOr(u.password));
  for (const [k, v] of u.searchParams) if (TOKEN_QUERY_PARAM.test(k) && v) out.push(v);
  return out;
}

/** A URL as the terminal may show it: credentials masked. */
export function maskInitUrl(raw: string): string {
  return maskUrl(raw, (k) => TOKEN_QUERY_PARAM.test(k));
}

/** Splits `ID=VALUE` (e.g. `1234=Acme News`); the value may itself contain `=`. */
export function parseIdPair(
  spec: string,
): { ok: true; id: number; value: string } | { ok: false; message: string } {
  const eq = spec.indexOf('=');
  if (eq <= 0) return { ok: false, message: MESSAGES.init.badPair(spec) };
  const id = checkId(spec.slice(0, eq));
  if (!id.ok) return id;
  const value = spec.slice(eq + 1).trim();
  if (value === '') return { ok: false, message: MESSAGES.init.badPair(spec) };
  return { ok: true, id: id.id, value };
}

/**
 * Parses a push-rule spec, the way the back office lists a rule:
 * `default:DEST`, `website:ID:MODE:DEST`, `masterForm:ID:DEST`, `campaign:ID:DEST`.
 * DEST is a webhook key (`main`, `website-<id>`), another integration's name, or `-` (exclusion).
 */
export function parseRuleSpec(
  spec: string,
): { ok: true; rule: PushRule } | { ok: false; message: string } {
  const parts = spec.split(':');
  const level = parseLevel(parts[0] ?? '');
  if (!level) return { ok: false, message: MESSAGES.init.badRuleLevel(spec, RULE_LEVELS) };
  const fixed = level === 'default' ? 1 : level === 'website' ? 3 : 2;
  if (parts.length < fixed + 1)
    return { ok: false, message: MESSAGES.init.badRuleShape(spec, level) };
  const destText = parts.slice(fixed).join(':').trim();
  if (destText === '') return { ok: false, message: MESSAGES.init.badRuleShape(spec, level) };
  const destination = destText === '-' ? null : destText;
  if (level === 'default') return { ok: true, rule: { level, destination } };
  const id = checkId(parts[1] ?? '');
  if (!id.ok) return { ok: false, message: `${spec}: ${id.message}` };
  if (level !== 'website') return { ok: true, rule: { level, target: id.id, destination } };
  const mode = (parts[2] ?? '').trim().toLowerCase();
  const campaignMode = CAMPAIGN_MODES.find((m) => m === mode);
  if (!campaignMode) return { ok: false, message: MESSAGES.init.badRuleMode(spec, CAMPAIGN_MODES) };
  return { ok: true, rule: { level, target: id.id, campaignMode, destination } };
}

/** The spec string of a rule (inverse of parseRuleSpec), for messages and origins. */
export function ruleSpec(rule: PushRule): string {
  const dest = rule.destination ?? '-';
  if (rule.level === 'default') return `default:${dest}`;
  if (rule.level === 'website') return `website:${rule.target}:${rule.campaignMode}:${dest}`;
  return `${rule.level}:${rule.target}:${dest}`;
}

/** Builds the account-file data from the answers: fixed key order, defaults spelled out. */
export function buildAccountData(a: InitAnswers, schemaRef?: string): InitAccountData {
  const byId = (x: Named, y: Named): number => x.id - y.id;
  const data: InitAccountData = {
    ...(schemaRef !== undefined ? { $schema: schemaRef } : {}),
    version: 1,
    account: { id: a.account.id, name: a.account.name },
    ...(a.websites.length ? { websites: [...a.websites].sort(byId) } : {}),
    ...(a.masterForms.length ? { masterForms: [...a.masterForms].sort(byId) } : {}),
    ...(a.campaigns.length ? { campaigns: [...a.campaigns].sort(byId) } : {}),
    webhooks: a.webhooks.map((w) => ({
      key: webhookKeyFor(w.scope),
      version: 1 as const,
      scope: w.scope,
      url: w.url,
      enabled: true,
    })),
    pushRules: a.rules.map((r) => r.rule),
  };
  return data;
}

/** Where a problem of the built file came from, in the user's words (a flag or a question). */
export function describeOrigin(a: InitAnswers, p: Problem): string {
  const [section, index] = p.path;
  if (section === 'webhooks' && typeof index === 'number' && a.webhooks[index])
    return a.webhooks[index].origin;
  if (section === 'pushRules' && typeof index === 'number' && a.rules[index])
    return a.rules[index].origin;
  return formatPath(p.path);
}

/**
 * The problems `qwh check` would find in the file built from these answers. Init derives webhook
 * keys from scopes, so a duplicate key always comes with a duplicate scope: only the scope
 * problem is kept (it is the one the admin can act on).
 */
export function answerProblems(a: InitAnswers): Problem[] {
  const v = validateAccount(buildAccountData(a));
  if (v.ok) return [];
  return v.problems.filter((p) => !(p.path[0] === 'webhooks' && p.path[2] === 'key'));
}

/** Validates the answers exactly as `qwh check` validates a file; problems name their origin. */
export function validateAnswers(a: InitAnswers): { ok: boolean; lines: string[] } {
  const problems = answerProblems(a);
  return {
    ok: problems.length === 0,
    lines: problems.map((p) => `${describeOrigin(a, p)}: ${p.message}`),
  };
}

/** Website ids the answers use (webhook scopes, website rules) that have no name yet. */
export function unnamedIds(a: InitAnswers): {
  websites: number[];
  masterForms: number[];
  campaigns: number[];
} {
  const missing = (level: RuleLevel, named: Named[], extra: number[] = []): number[] => {
    const known = new Set(named.map((n) => n.id));
    const ids = [
      ...extra,
      ...a.rules.filter((r) => r.rule.level === level).map((r) => r.rule.target),
    ];
    return [...new Set(ids.filter((i): i is number => i !== undefined && !known.has(i)))];
  };
  return {
    websites: missing(
      'website',
      a.websites,
      a.webhooks.flatMap((w) => (w.scope === 'account' ? [] : [w.scope.website])),
    ),
    masterForms: missing('masterForm', a.masterForms),
    campaigns: missing('campaign', a.campaigns),
  };
}

/** The same data with every URL credential masked: what the terminal preview shows. */
export function maskAccountData(data: InitAccountData): InitAccountData {
  return { ...data, webhooks: data.webhooks.map((w) => ({ ...w, url: maskInitUrl(w.url) })) };
}

export interface RenderOptions {
  format: 'yaml' | 'json';
  /** Written as the first line (`# yaml-language-server: $schema=…`) or as `$schema` in JSON. */
  schemaRef?: string;
  /** Comment lines after the schema line (YAML only). */
  header?: readonly string[];
}

/** Renders the account file text: YAML with the schema comment first, or JSON with `$schema`. */
export function renderAccountFile(data: InitAccountData, opts: RenderOptions): string {
  const { $schema: _ignored, ...rest } = data;
  if (opts.format === 'json') {
    const withSchema = opts.schemaRef !== undefined ? { $schema: opts.schemaRef, ...rest } : rest;
    return JSON.stringify(withSchema, null, 2) + '\n';
  }
  const doc = new Document(rest);
  // Short records on one line, as in the README's examples: they read like back-office rows.
  const flow = (node: unknown): void => {
    if (isMap(node)) node.flow = true;
  };
  flow(doc.get('account', true));
  for (const list of ['websites', 'masterForms', 'campaigns', 'pushRules']) {
    const seq = doc.get(list, true);
    if (isSeq(seq)) seq.items.forEach(flow);
  }
  const hooks = doc.get('webhooks', true);
  if (isSeq(hooks))
    for (const h of hooks.items) if (isMap(h)) flowScope(h.get('scope', true) as Node | undefined);
  const comments = [
    ...(opts.schemaRef !== undefined ? [` yaml-language-server: $schema=${opts.schemaRef}`] : []),
    ...(opts.header ?? []).map((l) => ` ${l}`),
  ];
  if (comments.length) doc.commentBefore = comments.join('\n');
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}

function flowScope(node: Node | undefined): void {
  if (isMap(node)) node.flow = true;
}
