import type { CommandHandler, RuntimeContext } from '../contracts/index.js';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pathState, writeNewFile } from '../adapters/new-file.js';
import {
  buildAccountData,
  checkId,
  checkName,
  checkUrl,
  maskAccountData,
  maskInitUrl,
  parseIdPair,
  parseRuleSpec,
  renderAccountFile,
  schemaUrlFor,
  unnamedIds,
  urlHasCredentials,
  urlSecrets,
  validateAnswers,
  type InitAnswers,
  type Named,
} from '../core/account/init.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { ACCOUNT_FILE_LIMITS } from '../core/input/limits.js';
import { parseDocumentText } from '../core/input/parse-document.js';
import { validateAccount } from '../core/account/validate.js';
import { runInitDialogue, type InitSeed } from '../services/init-dialogue.js';
import { colorsFor } from '../ui/colors.js';
import { createLogger } from '../ui/logger.js';
import { MESSAGES } from '../messages/index.js';
import { createPrompter } from '../ui/prompts.js';

const Q = MESSAGES.init;
const DEFAULT_OUT = 'qualifio-account.yaml';
/** The schema file inside this very installation of qwh (dist/commands → package root). */
const LOCAL_SCHEMA = fileURLToPath(new URL('../../schema/account.schema.json', import.meta.url));

function usage(message: string, hint?: string, details: readonly string[] = []): UserError {
  return new UserError(message, ExitCode.USAGE, hint, details);
}

/** The `$schema` reference to write: the versioned CDN URL, this installation's file, a given one, or none. */
function schemaRefFor(opt: unknown, outPath: string, version: string): string | undefined {
  const v = typeof opt === 'string' ? opt.trim() : 'url';
  if (v === 'none') return undefined;
  if (v === 'url' || v === '') return schemaUrlFor(version);
  if (v === 'local') {
    const rel = relative(dirname(outPath), LOCAL_SCHEMA).split(sep).join('/');
    return rel.startsWith('.') || rel.startsWith('/') ? rel : `./${rel}`;
  }
  // Written into a comment line: a control character would end the comment and inject YAML.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(v)) throw usage(`--schema: ${Q.badSchema}`);
  return v;
}

function list(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

function pairs(flag: string, values: string[]): Array<{ id: number; value: string; raw: string }> {
  return values.map((raw) => {
    const r = parseIdPair(raw);
    if (!r.ok) throw usage(`${flag} ${r.message}`);
    return { id: r.id, value: r.value, raw };
  });
}

function named(flag: string, values: string[]): Named[] {
  const out = new Map<number, string>();
  for (const { id, value } of pairs(flag, values)) {
    const prev = out.get(id);
    if (prev !== undefined && prev !== value)
      throw usage(`${flag} ${id}: two names ("${prev}", "${value}")`);
    out.set(id, value);
  }
  return [...out].map(([id, name]) => ({ id, name }));
}

/** A URL given in argv: refused when it holds credentials (argv is visible to every process). */
function argvUrl(flag: string, envFlag: string, raw: string): string {
  const url = raw.trim();
  if (checkUrl(url) !== true) throw usage(`${flag}: ${Q.badUrl}`);
  if (urlHasCredentials(url))
    throw usage(Q.credentialsInArgv(flag), Q.credentialsInArgvHint(envFlag));
  return url;
}

/** A URL read from an environment variable (the way to pass one holding credentials). */
function envUrl(ctx: RuntimeContext, name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw usage(MESSAGES.secrets.envMissing(name), MESSAGES.secrets.envMissingHint('NAME'));
  const v = ctx.env[name]?.trim();
  if (!v) throw usage(Q.envUrlMissing(name), Q.envUrlMissingHint(name));
  for (const s of urlSecrets(v)) ctx.redactor.add(s);
  if (checkUrl(v) !== true) throw usage(Q.envUrlInvalid(name));
  return v;
}

/** Everything the flags say, parsed and checked one flag at a time (errors name the flag). */
function seedFromFlags(ctx: RuntimeContext, opts: Record<string, unknown>): InitSeed {
  const seed: InitSeed = {
    account: {},
    websites: named('--website', list(opts.website)),
    masterForms: named('--master-form', list(opts.masterForm)),
    campaigns: named('--campaign', list(opts.campaign)),
    webhooks: [],
    rules: [],
  };
  if (opts.accountId !== undefined) {
    const r = checkId(String(opts.accountId));
    if (!r.ok) throw usage(`--account-id: ${r.message}`);
    seed.account.id = r.id;
  }
  if (opts.accountName !== undefined) {
    const name = String(opts.accountName).trim();
    if (checkName(name) !== true) throw usage(`--account-name: ${Q.emptyName}`);
    seed.account.name = name;
  }
  if (opts.v1Url !== undefined && opts.v1UrlEnv !== undefined)
    throw usage(MESSAGES.secrets.oneSource('the account-level URL (--v1-url or --v1-url-env)'));
  if (opts.v1Url !== undefined)
    seed.webhooks.push({
      scope: 'account',
      url: argvUrl('--v1-url', '--v1-url-env', String(opts.v1Url)),
      origin: '--v1-url',
    });
  if (opts.v1UrlEnv !== undefined) {
    const name = String(opts.v1UrlEnv);
    seed.webhooks.push({
      scope: 'account',
      url: envUrl(ctx, name),
      origin: `--v1-url-env ${name}`,
    });
  }
  for (const { id, value } of pairs('--website-webhook', list(opts.websiteWebhook)))
    seed.webhooks.push({
      scope: { website: id },
      url: argvUrl(`--website-webhook ${id}=…`, '--website-webhook-env', value),
      origin: `--website-webhook ${id}=…`,
    });
  for (const { id, value, raw } of pairs('--website-webhook-env', list(opts.websiteWebhookEnv)))
    seed.webhooks.push({
      scope: { website: id },
      url: envUrl(ctx, value),
      origin: `--website-webhook-env ${raw}`,
    });
  for (const spec of list(opts.rule)) {
    const r = parseRuleSpec(spec);
    if (!r.ok) throw usage(r.message, Q.ruleHint);
    seed.rules.push({ rule: r.rule, origin: `--rule ${spec}` });
  }
  return seed;
}

/** With --from-flags: the answers, or exit 2 naming every flag still needed. */
function answersFromFlags(seed: InitSeed): InitAnswers {
  const missing: string[] = [];
  if (seed.account.id === undefined) missing.push('--account-id');
  if (seed.account.name === undefined) missing.push('--account-name');
  if (seed.webhooks.length === 0)
    missing.push(
      'a webhook 1.0 (--v1-url, --v1-url-env, --website-webhook or --website-webhook-env)',
    );
  if (missing.length) throw usage(Q.missingFlags(missing), Q.missingFlagsHint);
  return { ...seed, account: { id: seed.account.id!, name: seed.account.name! } };
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
  if (lines.length) throw usage(lines[0]!, undefined, lines.slice(1));
}

/** The checks `qwh check` runs, on the answers; problems name the flag or question they came from. */
function checkAnswers(a: InitAnswers): void {
  checkNames(a);
  const { ok, lines } = validateAnswers(a);
  if (!ok) throw usage(Q.invalid(lines.length), MESSAGES.input.invalidHint, lines);
}

/** `qwh init`: write the account file from a dialogue (TTY) or from flags (--from-flags). */
const init: CommandHandler = async (ctx, _args, opts) => {
  const log = createLogger(ctx);
  const prompt = createPrompter(ctx);
  const out = typeof opts.out === 'string' && opts.out !== '' ? opts.out : DEFAULT_OUT;
  const path = resolve(ctx.cwd, out);
  const format = /\.json$/i.test(out) ? 'json' : 'yaml';
  const fromFlags = opts.fromFlags === true;
  if (!fromFlags && !ctx.interactive) throw usage(Q.needsFlags, Q.needsFlagsHint);
  const schemaRef = schemaRefFor(opts.schema, path, ctx.version);
  const seed = seedFromFlags(ctx, opts);

  // Flags first: a missing or wrong flag is the error to see, not "the file exists".
  const flagAnswers = fromFlags ? answersFromFlags(seed) : undefined;
  if (flagAnswers) checkAnswers(flagAnswers);

  // Look before asking anything: the admin should not answer twenty questions to hear "exists".
  const state = await pathState(path);
  if (state === 'other') throw new UserError(Q.notRegular(out), ExitCode.REFUSED, Q.notRegularHint);
  let replace = opts.force === true;
  if (state === 'file' && !replace) {
    if (!ctx.interactive) throw new UserError(Q.exists(out), ExitCode.REFUSED, Q.existsHint);
    replace = await prompt.confirm(Q.askOverwrite(out), '--force', ExitCode.REFUSED, false);
    if (!replace) throw new UserError(Q.declined(out), ExitCode.REFUSED, Q.existsHint);
  }

  const answers =
    flagAnswers ??
    (await runInitDialogue(seed, {
      prompt,
      log,
      onUrl: (u) => {
        for (const s of urlSecrets(u)) ctx.redactor.add(s);
      },
      title: (s) => colorsFor(ctx.stderr).bold(s),
    }));
  checkAnswers(answers);
  if (fromFlags && answers.rules.length === 0) log.warn(Q.noRules);

  const data = buildAccountData(answers);
  const header = Q.header(answers.account.id, answers.account.name, ctx.version, out);
  const text = renderAccountFile(data, {
    format,
    ...(schemaRef !== undefined ? { schemaRef } : {}),
    header,
  });
  // The file must read back exactly as `qwh check` reads it; anything else is a bug in init.
  const reread = parseDocumentText(text, format, ACCOUNT_FILE_LIMITS);
  if (!reread.ok || !validateAccount(reread.value).ok)
    throw new Error('qwh init rendered an account file that does not validate');

  if (!fromFlags) {
    const preview = renderAccountFile(maskAccountData(data), {
      format,
      ...(schemaRef !== undefined ? { schemaRef } : {}),
      header,
    });
    const c = colorsFor(ctx.stderr);
    log.info(
      `\n${c.bold(Q.preview(out))}\n${c.dim('─'.repeat(40))}\n${preview}${c.dim('─'.repeat(40))}`,
    );
    if (!(await prompt.confirm(Q.askWrite(out), '--from-flags', ExitCode.REFUSED, true))) {
      log.info(Q.notWritten);
      return ExitCode.REFUSED;
    }
  }
  const { backup } = await writeNewFile(path, text, { replace, shown: out });
  if (opts.json) {
    ctx.stdout.write(
      JSON.stringify(
        {
          file: out,
          format,
          schema: schemaRef ?? null,
          ...(backup ? { backup: relative(ctx.cwd, backup) } : {}),
          account: answers.account,
          webhooks: data.webhooks.map((w) => ({ ...w, url: maskInitUrl(w.url) })),
          pushRules: data.pushRules,
        },
        null,
        2,
      ) + '\n',
    );
  }
  log.success(Q.wrote(out));
  if (backup) log.info(Q.backup(relative(ctx.cwd, backup)));
  log.info(Q.next(out));
  return ExitCode.OK;
};
export default init;
