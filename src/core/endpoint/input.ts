import { HEADER_NAME, type SecretRef } from '../account/schema.js';
import { urlHasCredentials } from '../account/init.js';
import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { MESSAGES } from '../../messages/index.js';
import type { Resolved } from '../options/spec.js';
import type { LISTEN_OPTIONS } from '../options/listen.js';
import type { TEST_ENDPOINT_OPTIONS } from '../options/test-endpoint.js';

const E = MESSAGES.endpoint;

/** Where a secret is to be read from, and which folder a relative file is relative to. */
export interface SecretPick {
  ref: SecretRef;
  base: 'cwd' | 'config' | 'account';
}

/** What the account file says of the webhook under test (secrets still unread). */
export interface AccountWebhook {
  url: string;
  version: 1 | 2;
  secret?: SecretRef;
  authHeader?: { name: string; value: SecretRef };
}

export type TestEndpointOptions = Resolved<typeof TEST_ENDPOINT_OPTIONS>;

/** test-endpoint's input with every layer settled; secrets are references, read by the command. */
export interface TestEndpointInput {
  /** As given (credentials and tokens still in it; the command splits and masks them). */
  url: string;
  version: 1 | 2;
  secret?: SecretPick;
  /** The secret before a rotation (flags only): accepts-both-secrets. */
  previousSecret?: SecretPick;
  authHeader?: { name: string; value: SecretPick };
  payload?: string;
  sample?: 'complete' | 'incomplete' | 'all';
  seed?: number;
  checks?: string[];
  timeoutMs: number;
  warnMs: number;
  caFile?: string;
  count?: number;
  concurrency?: number;
  reporter: 'human' | 'json' | 'junit' | 'github';
  out?: string;
  /** Any skipped or warned check fails the run. */
  strict?: boolean;
  /** `--export artillery FILE`: write an Artillery scenario to FILE instead of sending. */
  export?: { format: 'artillery'; file: string };
}

/** The secret given by a --x-env / --x-file flag pair, refusing both at once. */
export function secretFlagPick(
  envName: string | undefined,
  file: string | undefined,
  what: string,
): SecretPick | undefined {
  if (envName && file) throw new UserError(MESSAGES.secrets.oneSource(what), ExitCode.USAGE);
  if (envName) return { ref: { env: envName }, base: 'cwd' };
  if (file) return { ref: { file }, base: 'cwd' };
  return undefined;
}

/**
 * The previous secret of a rotation (`--previous-secret-env/-file`), refused without a current
 * one: a previous secret alone would accept what the current one signs no more.
 */
export function previousSecretPick(
  o: { previousSecretEnv?: string | undefined; previousSecretFile?: string | undefined },
  current: unknown,
): SecretPick | undefined {
  const pick = secretFlagPick(o.previousSecretEnv, o.previousSecretFile, 'the previous secret');
  if (pick && current === undefined)
    throw new UserError(MESSAGES.secrets.previousWithoutCurrent, ExitCode.USAGE);
  return pick;
}

/** Checks an auth header name given on the command line. */
export function checkHeaderName(name: string | undefined): void {
  if (name !== undefined && !HEADER_NAME.test(name))
    throw new UserError(E.badHeaderName(name), ExitCode.USAGE);
}

/** Builds the auth header from a name and a value, refusing half of one. */
export function authHeaderOf<V>(
  name: string | undefined,
  value: V | undefined,
): { name: string; value: V } | undefined {
  if (name === undefined && value === undefined) return undefined;
  if (name === undefined) throw new UserError(E.authValueWithoutName, ExitCode.USAGE);
  if (value === undefined) throw new UserError(E.authNameWithoutValue, ExitCode.USAGE);
  return { name, value };
}

/**
 * Settles test-endpoint's input: flag > QWH_* > config > the account file's webhook > default
 * (the generic layers are already applied to `o`); secrets and the auth header follow the same
 * order, each part on its own. Refuses combinations that cannot mean anything.
 */
export function resolveTestEndpointInput(
  o: TestEndpointOptions,
  account: AccountWebhook | undefined,
  knownChecks: readonly string[],
): TestEndpointInput {
  if (o.account !== undefined && o.webhook === undefined)
    throw new UserError(E.accountNeedsWebhook, ExitCode.USAGE);
  checkHeaderName(o.authHeaderName);
  const url = o.url ?? account?.url;
  if (!url) throw new UserError(E.needUrl, ExitCode.USAGE, E.needUrlHint);
  // Arguments are visible to every process (ps, shell history): refused as init refuses them.
  const from = o.sources.url;
  if ((from === 'arg' || from === 'flag') && urlHasCredentials(url))
    throw new UserError(E.credentialsInArgv, ExitCode.USAGE, E.credentialsInArgvHint);
  const version = o.sources.version === 'default' && account ? account.version : o.version;

  const fromAccount = (ref: SecretRef | undefined): SecretPick | undefined =>
    ref === undefined ? undefined : { ref, base: 'account' };
  const fromConfig = (ref: SecretRef | undefined): SecretPick | undefined =>
    ref === undefined ? undefined : { ref, base: 'config' };
  const secret =
    secretFlagPick(o.secretEnv, o.secretFile, 'the secret') ??
    fromConfig(o.secret) ??
    fromAccount(account?.secret);
  const previousSecret = previousSecretPick(o, secret);
  const authValue =
    secretFlagPick(o.authHeaderEnv, o.authHeaderFile, 'the auth header value') ??
    fromConfig(o.authHeader?.value) ??
    fromAccount(account?.authHeader?.value);
  const authHeader = authHeaderOf(
    o.authHeaderName ?? o.authHeader?.name ?? account?.authHeader?.name,
    authValue,
  );

  const reporter = o.json ? 'json' : o.reporter;
  if (o.out && reporter === 'human') throw new UserError(E.outNeedsReporter, ExitCode.USAGE);
  if (o.checks) {
    const known = new Set(knownChecks);
    const unknown = o.checks.filter((c) => !known.has(c));
    if (unknown.length > 0)
      throw new UserError(
        E.unknownChecks(unknown.join(', ')),
        ExitCode.USAGE,
        E.unknownChecksHint(knownChecks.join(', ')),
      );
  }
  return {
    url,
    version,
    ...(secret ? { secret } : {}),
    ...(previousSecret ? { previousSecret } : {}),
    ...(authHeader ? { authHeader } : {}),
    ...(o.payload !== undefined ? { payload: o.payload } : {}),
    ...(o.sample !== undefined ? { sample: o.sample } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.checks !== undefined ? { checks: o.checks } : {}),
    timeoutMs: o.timeout,
    warnMs: o.warnMs,
    ...(o.caFile !== undefined ? { caFile: o.caFile } : {}),
    ...(o.count !== undefined ? { count: o.count } : {}),
    ...(o.concurrency !== undefined ? { concurrency: o.concurrency } : {}),
    reporter,
    ...(o.out !== undefined ? { out: o.out } : {}),
    ...(o.strict ? { strict: true } : {}),
    ...exportOf(o.export),
  };
}

/** `--export FORMAT FILE` (a two-item list): the format and the file, or a usage error. */
function exportOf(list: readonly string[] | undefined): Pick<TestEndpointInput, 'export'> {
  if (list === undefined) return {};
  const [format, file, ...rest] = list;
  if (format !== 'artillery' || !file || rest.length > 0)
    throw new UserError(E.exportUsage, ExitCode.USAGE, E.exportUsageHint);
  return { export: { format, file } };
}

export type ListenOptions = Resolved<typeof LISTEN_OPTIONS>;

/** listen's input: where to bind, what to require; secrets are references, read by the command. */
export interface ListenInput {
  host: string;
  port: number;
  /** Absent in relay mode without --version: each delivery's version is told from it. */
  version?: 1 | 2;
  secret?: SecretPick;
  previousSecret?: SecretPick;
  /** Relay mode: the receiver behind (no credentials in it), the deadline of one forward, a private CA. */
  forward?: { url: string; timeoutMs: number; caFile?: string };
  authHeader?: { name: string; value: SecretPick };
  save?: string;
  json: boolean;
}

/** Settles listen's input (flag > QWH_LISTEN_* > default already applied): the secret and auth header from their flags. */
export function resolveListenInput(o: ListenOptions): ListenInput {
  const secret = secretFlagPick(o.secretEnv, o.secretFile, 'the secret');
  const previousSecret = previousSecretPick(o, secret);
  if (o.forwardTo !== undefined) {
    const u = new URL(o.forwardTo);
    if (u.username !== '' || u.password !== '')
      throw new UserError(
        MESSAGES.listen.relay.credentialsInUrl(`${u.protocol}//${u.host}${u.pathname}`),
        ExitCode.USAGE,
        MESSAGES.listen.relay.credentialsHint,
      );
  }
  const relay = o.forwardTo !== undefined;
  // A CA only the relay uses: without --forward-to it would be silently ignored.
  if (o.caFile !== undefined && !relay)
    throw new UserError(
      MESSAGES.listen.relay.caWithoutForward,
      ExitCode.USAGE,
      MESSAGES.listen.relay.caWithoutForwardHint,
    );
  const authValue = secretFlagPick(o.authHeaderEnv, o.authHeaderFile, 'the auth header value');
  checkHeaderName(o.authHeaderName);
  const authHeader = authHeaderOf(o.authHeaderName, authValue);
  return {
    host: o.host,
    port: o.port,
    ...(!relay || o.sources.version !== 'default' ? { version: o.version } : {}),
    ...(secret ? { secret } : {}),
    ...(previousSecret ? { previousSecret } : {}),
    ...(o.forwardTo !== undefined
      ? {
          forward: {
            url: o.forwardTo,
            timeoutMs: o.forwardTimeout,
            ...(o.caFile !== undefined ? { caFile: o.caFile } : {}),
          },
        }
      : {}),
    ...(authHeader ? { authHeader } : {}),
    ...(o.save ? { save: o.save } : {}),
    json: o.json === true,
  };
}
