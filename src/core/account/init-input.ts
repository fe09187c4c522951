import { dirname, relative, resolve, sep } from 'node:path';
import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { ACCOUNT_FILE_LIMITS } from '../input/limits.js';
import { parseDocumentText } from '../input/parse-document.js';
import { MESSAGES } from '../../messages/index.js';
import { DEFAULT_INIT_OUT, type INIT_OPTIONS } from '../options/init.js';
import type { Resolved } from '../options/spec.js';
import { nearest } from '../suggest.js';
import {
  buildAccountData,
  checkOtherIntegration,
  webhookKeyFor,
  checkId,
  checkName,
  checkUrl,
  maskAccountData,
  parseIdPair,
  parseRuleSpec,
  renderAccountFile,
  schemaUrlFor,
  unnamedIds,
  urlHasCredentials,
  urlSecrets,
  validateAnswers,
  type InitAccountData,
  type InitAnswers,
  type Named,
} from './init.js';
import { validateAccount } from './validate.js';

const Q = MESSAGES.init;

/** What flags already answered; the dialogue only asks for the rest ("prompts only fill gaps"). */
export interface InitSeed {
  account: { id?: number; name?: string };
  websites: Named[];
  masterForms: Named[];
  campaigns: Array<Named & { websiteId?: number }>;
  webhooks: InitAnswers['webhooks'];
  rules: InitAnswers['rules'];
}

export type InitOptions = Resolved<typeof INIT_OPTIONS>;

/** What init's input depends on besides its flags. */
export interface InitEnvironment {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** qwh's version: the versioned schema URL and the file's header name it. */
  version: string;
  /** Prompts allowed (a terminal, not CI). */
  interactive: boolean;
  /** This installation's copy of the account-file schema (`--schema local`). */
  localSchema: string;
  /** Registers a credential of a URL read from the environment, before any message could show it. */
  mask: (secret: string) => void;
}

/** init's input: where to write, how, and what the flags already answered. */
export interface InitInput {
  /** As given (shown in messages); `path` is it resolved against the working folder. */
  out: string;
  path: string;
  format: 'yaml' | 'json';
  fromFlags: boolean;
  force: boolean;
  json: boolean;
  schemaRef?: string;
  seed: InitSeed;
  /** With --from-flags: the complete answers, checked as `qwh check` checks a file. */
  flagAnswers?: InitAnswers;
  /** A campaign feed (URL or file) whose websites and campaigns fill the file. */
  campaignFeed?: string;
}

const badPercentHint = MESSAGES.input.badPercentHint;

function usage(message: string, hint?: string, details: readonly string[] = []): UserError {
  return new UserError(message, ExitCode.USAGE, hint, details);
}

/**
 * The `$schema` reference to write: this installation's file (default: it resolves today, from a
 * checkout or an install), the versioned CDN URL (once published), a given one, or none.
 */
function schemaRefFor(opt: string, outPath: string, e: InitEnvironment): string | undefined {
  const v = opt.trim();
  if (v === 'none') return undefined;
  if (v === 'url') return schemaUrlFor(e.version);
  if (v === 'local' || v === '') {
    const rel = relative(dirname(outPath), e.localSchema).split(sep).join('/');
    return rel.startsWith('.') || rel.startsWith('/') ? rel : `./${rel}`;
  }
  // Written into a comment line: a control character would end the comment and inject YAML.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(v)) throw usage(`--schema: ${Q.badSchema}`);
  return v;
}

function pairs(flag: string, values: readonly string[] = []) {
  return values.map((raw) => {
    const r = parseIdPair(raw);
    if (!r.ok) throw usage(`${flag} ${r.message}`);
    return { id: r.id, value: r.value, raw };
  });
}

function named(flag: string, values: readonly string[] | undefined): Named[] {
  const out = new Map<number, string>();
  for (const { id, value } of pairs(flag, values)) {
    const prev = out.get(id);
    if (prev !== undefined && prev !== value)
      throw usage(`${flag} ${id}: two names ("${prev}", "${value}")`);
    out.set(id, value);
  }
  return [...out].map(([id, name]) => ({ id, name }));
}

/** `--campaign ID=name[@website]`: a campaign, and the website it runs on when given. */
function campaignsOf(values: readonly string[] | undefined): Array<Named & { websiteId?: number }> {
  return named('--campaign', values).map(({ id, name }) => {
    const m = /^(.*\S)\s*@\s*(\d+)$/.exec(name);
    if (!m) return { id, name };
    const w = checkId(m[2]!);
    if (!w.ok) throw usage(`--campaign ${id}: website ${m[2]!}: ${w.message}`);
    return { id, name: m[1]!, websiteId: w.id };
  });
}

/** A URL given in argv: refused when it holds credentials (argv is visible to every process). */
function argvUrl(flag: string, envFlag: string, raw: string): string {
  const url = raw.trim();
  const bad = checkUrl(url);
  if (bad !== true) throw usage(`${flag}: ${bad}`, bad === Q.badUrl ? undefined : badPercentHint);
  if (urlHasCredentials(url))
    throw usage(Q.credentialsInArgv(flag), Q.credentialsInArgvHint(envFlag));
  return url;
}

/** A URL read from an environment variable (the way to pass one holding credentials). */
function envUrl(e: InitEnvironment, name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw usage(MESSAGES.secrets.envMissing(name), MESSAGES.secrets.envMissingHint('NAME'));
  const v = e.env[name]?.trim();
  if (!v) throw usage(Q.envUrlMissing(name), Q.envUrlMissingHint(name));
  for (const s of urlSecrets(v)) e.mask(s);
  const bad = checkUrl(v);
  if (bad === Q.badUrl) throw usage(Q.envUrlInvalid(name));
  if (bad !== true) throw usage(`${name}: ${bad}`, badPercentHint);
  return v;
}

/** Everything the flags say, parsed and checked one flag at a time (errors name the flag). */
function seedFromFlags(o: InitOptions, e: InitEnvironment): InitSeed {
  const seed: InitSeed = {
    account: {},
    websites: named('--website', o.website),
    masterForms: named('--master-form', o.masterForm),
    campaigns: campaignsOf(o.campaign),
    webhooks: [],
    rules: [],
  };
  if (o.accountId !== undefined) {
    const r = checkId(o.accountId);
    if (!r.ok) throw usage(`--account-id: ${r.message}`);
    seed.account.id = r.id;
  }
  if (o.accountName !== undefined) {
    const name = o.accountName.trim();
    if (checkName(name) !== true) throw usage(`--account-name: ${Q.emptyName}`);
    seed.account.name = name;
  }
  if (o.v1Url !== undefined && o.v1UrlEnv !== undefined)
    throw usage(MESSAGES.secrets.oneSource('the account-level URL (--v1-url or --v1-url-env)'));
  if (o.v1Url !== undefined)
    seed.webhooks.push({
      scope: 'account',
      url: argvUrl('--v1-url', '--v1-url-env', o.v1Url),
      origin: '--v1-url',
    });
  if (o.v1UrlEnv !== undefined)
    seed.webhooks.push({
      scope: 'account',
      url: envUrl(e, o.v1UrlEnv),
      origin: `--v1-url-env ${o.v1UrlEnv}`,
    });
  for (const { id, value } of pairs('--website-webhook', o.websiteWebhook))
    seed.webhooks.push({
      scope: { website: id },
      url: argvUrl(`--website-webhook ${id}=…`, '--website-webhook-env', value),
      origin: `--website-webhook ${id}=…`,
    });
  for (const { id, value, raw } of pairs('--website-webhook-env', o.websiteWebhookEnv))
    seed.webhooks.push({
      scope: { website: id },
      url: envUrl(e, value),
      origin: `--website-webhook-env ${raw}`,
    });
  for (const spec of o.rule ?? []) {
    const r = parseRuleSpec(spec);
    if (!r.ok) throw usage(r.message, Q.ruleHint);
    seed.rules.push({ rule: r.rule, origin: `--rule ${spec}` });
  }
  return seed;
}

const INTEGRATION_PREFIX = 'integration:';

/**
 * A rule's DEST from a flag: a webhook key, or another integration's name — never one that looks
 * like a typo of a webhook key (`mian`), unless written `integration:NAME` on purpose.
 */
function checkedRuleDest(seed: InitSeed, r: InitSeed['rules'][number]): InitSeed['rules'][number] {
  const dest = r.rule.destination;
  const keys = seed.webhooks.map((w) => webhookKeyFor(w.scope));
  if (dest === null || keys.includes(dest)) return r;
  const spec = r.origin.replace(/^--rule /, '');
  if (dest.startsWith(INTEGRATION_PREFIX)) {
    const name = dest.slice(INTEGRATION_PREFIX.length).trim();
    const ok = checkOtherIntegration(name, keys);
    if (ok !== true) throw usage(`--rule ${spec}: ${ok}`, Q.ruleHint);
    return { ...r, rule: { ...r.rule, destination: name } };
  }
  const near = nearest(dest, keys);
  if (near !== undefined) throw usage(Q.ruleDestTypo(spec, dest, near), Q.ruleDestTypoHint(dest));
  return r;
}

/** With --from-flags: the answers, or exit 2 naming every flag still needed. */
function answersFromFlags(seed: InitSeed): InitAnswers {
  const { id, name } = seed.account;
  const missing: string[] = [];
  if (id === undefined) missing.push('--account-id');
  if (name === undefined) missing.push('--account-name');
  if (seed.webhooks.length === 0)
    missing.push(
      'a webhook 1.0 (--v1-url, --v1-url-env, --website-webhook or --website-webhook-env)',
    );
  if (id === undefined || name === undefined || missing.length)
    throw usage(Q.missingFlags(missing), Q.missingFlagsHint);
  return { ...seed, account: { id, name }, rules: seed.rules.map((r) => checkedRuleDest(seed, r)) };
}

/** Names: websites always (their name is part of the scope); Master Forms and campaigns all or none. */
function checkNames(a: InitAnswers): void {
  const m = unnamedIds(a);
  const lines: string[] = [];
  if (m.websites.length) lines.push(Q.unnamed('website', '--website', m.websites));
  if (a.masterForms.length && m.masterForms.length)
    lines.push(Q.unnamed('Master Form', '--master-form', m.masterForms));
  if (a.campaigns.length && m.campaigns.length)
    lines.push(Q.unnamed('campaign', '--campaign', m.campaigns));
  const [first, ...rest] = lines;
  if (first !== undefined) throw usage(first, undefined, rest);
}

/** The checks `qwh check` runs, on the answers; problems name the flag or question they came from (exit 2). */
export function checkInitAnswers(a: InitAnswers): void {
  checkNames(a);
  const { ok, lines } = validateAnswers(a);
  if (!ok) throw usage(Q.invalid(lines.length), MESSAGES.input.invalidHint, lines);
}

/**
 * Settles init's input from its flags: where to write and in which format, the schema line, and
 * every answer the flags give, each checked on its own (errors name the flag). With
 * --from-flags the answers must be complete and valid; without it a terminal is required.
 */
export function resolveInitInput(o: InitOptions, e: InitEnvironment): InitInput {
  const out = o.out !== '' ? o.out : DEFAULT_INIT_OUT;
  const path = resolve(e.cwd, out);
  const fromFlags = o.fromFlags === true;
  if (!fromFlags && !e.interactive) throw usage(Q.needsFlags, Q.needsFlagsHint);
  const schemaRef = schemaRefFor(o.schema, path, e);
  const seed = seedFromFlags(o, e);
  // Flags first: a missing or wrong flag is the error to see, not "the file exists".
  const flagAnswers = fromFlags ? answersFromFlags(seed) : undefined;
  if (flagAnswers) checkInitAnswers(flagAnswers);
  return {
    out,
    path,
    format: /\.json$/i.test(out) ? 'json' : 'yaml',
    fromFlags,
    force: o.force === true,
    json: o.json === true,
    ...(schemaRef !== undefined ? { schemaRef } : {}),
    seed,
    ...(flagAnswers ? { flagAnswers } : {}),
    ...(o.campaignFeed ? { campaignFeed: o.campaignFeed } : {}),
  };
}

/** The file init writes, its data, and the preview the terminal shows (credentials masked). */
export interface InitFile {
  data: InitAccountData;
  text: string;
  preview: string;
  /** A 1.0 URL holds credentials: the file is written 0600, as a secret file is (#17). */
  private: boolean;
}

/**
 * Builds and renders the account file from checked answers. The text must read back exactly as
 * `qwh check` reads it; anything else is a bug in init (a plain Error, not a usage error).
 */
export function renderInitFile(a: InitAnswers, input: InitInput, version: string): InitFile {
  const data = buildAccountData(a);
  const opts = {
    format: input.format,
    ...(input.schemaRef !== undefined ? { schemaRef: input.schemaRef } : {}),
    header: Q.header(a.account.id, a.account.name, version, input.out),
  };
  const text = renderAccountFile(data, opts);
  const reread = parseDocumentText(text, input.format, ACCOUNT_FILE_LIMITS);
  if (!reread.ok || !validateAccount(reread.value).ok)
    throw new Error('qwh init rendered an account file that does not validate');
  const preview = renderAccountFile(maskAccountData(data), opts);
  return { data, text, preview, private: a.webhooks.some((w) => urlHasCredentials(w.url)) };
}
