import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { SecretMasker } from '../contracts/index.js';
import type { SecretRef } from '../core/account/schema.js';
import { checkAccountRef, describeRef, type SecretTrust } from '../core/account/secret-trust.js';
import { formatPath, type DocPath } from '../core/path.js';
import { secretWeakness } from '../core/redact.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';
import { readRegularFile } from './read-file.js';

const MAX_SECRET_FILE_BYTES = 64 * 1024;

/** Where secrets come from: the environment and files relative to a base folder. */
export interface SecretSource {
  env: NodeJS.ProcessEnv;
  baseDir: string;
  redactor: SecretMasker;
  /** Set when the reference comes from an account file: it is then held to the trust model. */
  account?: AccountOrigin;
}

/** Where an account file's reference sits, and what the user allows (core/account/secret-trust.ts). */
export interface AccountOrigin {
  /** The account file as the user named it. */
  file: string;
  path: DocPath;
  trust: SecretTrust;
  /** How the value is used (an HMAC key may be on the journaled allow-list). */
  as?: 'auth-header' | 'hmac-key';
}

const S = MESSAGES.secrets;

/** Registers a secret for masking, refusing (exit 2) a 1–3 character one: it could never be masked. */
function register(v: string, label: string, src: SecretSource): string {
  if (secretWeakness(v) === 'too-short')
    throw new UserError(S.tooShort(label), ExitCode.USAGE, S.tooShortHint);
  src.redactor.add(v, label);
  return v;
}

function labelOf(src: SecretSource, what: string): string {
  return src.account ? `${src.account.file} › ${formatPath(src.account.path)} (${what})` : what;
}

/** Refuses (exit 4) an account file's reference the trust model does not allow, before anything is read. */
export function assertTrustedRef(ref: SecretRef, origin: AccountOrigin): void {
  const v = checkAccountRef(ref, origin.trust, origin.as);
  if (v.ok) return;
  const path = formatPath(origin.path);
  if (v.why === 'env' && typeof ref === 'object' && 'env' in ref)
    throw new UserError(
      S.refusedEnv(origin.file, path, v.shown),
      ExitCode.REFUSED,
      S.refusedEnvHint(ref.env),
    );
  throw new UserError(
    S.refusedFile(origin.file, path, v.shown, v.why === 'absolute' ? 'absolute' : 'parent'),
    ExitCode.REFUSED,
    S.refusedFileHint,
  );
}

/** The real path of an account file's secret file, refusing one whose real path leaves the folder. */
async function confinedPath(
  file: string,
  src: SecretSource,
  origin: AccountOrigin,
): Promise<string> {
  let real: string;
  let base: string;
  try {
    [real, base] = await Promise.all([realpath(resolve(src.baseDir, file)), realpath(src.baseDir)]);
  } catch {
    throw new UserError(S.fileMissing(file), ExitCode.USAGE, S.fileMissingHint);
  }
  const rel = relative(base, real);
  if (rel === '' || rel.startsWith('..' + sep) || rel === '..' || isAbsolute(rel))
    throw new UserError(
      S.refusedFile(origin.file, formatPath(origin.path), describeRef({ file }), 'symlink'),
      ExitCode.REFUSED,
      S.refusedFileHint,
    );
  return real;
}

/** Reads a secret from an environment variable; registers it for masking. */
export function secretFromEnv(name: string, src: SecretSource): string {
  const v = src.env[name];
  if (v === undefined || v === '')
    throw new UserError(
      MESSAGES.secrets.envMissing(name),
      ExitCode.USAGE,
      MESSAGES.secrets.envMissingHint(name),
    );
  return register(v, labelOf(src, `environment variable ${name}`), src);
}

/** Reads a secret from a file (one trailing newline dropped, as editors add one); registers it for masking. */
export async function secretFromFile(file: string, src: SecretSource): Promise<string> {
  const path = src.account
    ? await confinedPath(file, src, src.account)
    : isAbsolute(file)
      ? file
      : resolve(src.baseDir, file);
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(path, MAX_SECRET_FILE_BYTES, file, MESSAGES.input.pathHint);
  } catch (e) {
    if (e instanceof UserError)
      throw new UserError(
        MESSAGES.secrets.fileMissing(file),
        ExitCode.USAGE,
        MESSAGES.secrets.fileMissingHint,
      );
    throw e;
  }
  let text: string;
  try {
    // A secret is text: a NUL or invalid UTF-8 would be decoded lossily (U+FFFD), not kept.
    if (bytes.includes(0)) throw new Error('NUL');
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(
      MESSAGES.secrets.fileBinary(file),
      ExitCode.USAGE,
      MESSAGES.secrets.fileBinaryHint,
    );
  }
  const v = text.replace(/\r?\n$/, '');
  if (v === '') throw new UserError(MESSAGES.secrets.fileEmpty(file), ExitCode.USAGE);
  return register(v, labelOf(src, `secret file ${file}`), src);
}

/** Resolves an account-file secret reference (literal, { env }, { file }); registers it for masking. */
export async function resolveSecretRef(ref: SecretRef, src: SecretSource): Promise<string> {
  if (src.account) assertTrustedRef(ref, src.account);
  if (typeof ref === 'string') return register(ref, labelOf(src, 'a literal value'), src);
  if ('env' in ref) return secretFromEnv(ref.env, src);
  return secretFromFile(ref.file, src);
}

/** Resolves a secret from the flag pair --x-env / --x-file; undefined when neither is given. */
export async function secretFromFlags(
  envName: string | undefined,
  file: string | undefined,
  what: string,
  src: SecretSource,
): Promise<string | undefined> {
  if (envName && file) throw new UserError(MESSAGES.secrets.oneSource(what), ExitCode.USAGE);
  if (envName) return secretFromEnv(envName, src);
  if (file) return secretFromFile(file, src);
  return undefined;
}

/** Folders a relative secret file may be relative to: the cwd (flags), the config's, the account file's. */
export interface SecretBases {
  cwd: string;
  config: string;
  account?: string;
  /** The account file (as named) and the allowed env names: its references are held to the trust model. */
  accountFile?: { file: string; trust: SecretTrust };
}

/** Reads a secret picked by a command's input resolver (core/endpoint/input.ts); registers it for masking. */
export async function readSecretPick(
  pick: { ref: SecretRef; base: 'cwd' | 'config' | 'account' },
  env: NodeJS.ProcessEnv,
  bases: SecretBases,
  redactor: SecretMasker,
  path: DocPath = [],
  as: 'auth-header' | 'hmac-key' = 'auth-header',
): Promise<string> {
  const baseDir = pick.base === 'account' ? (bases.account ?? bases.cwd) : bases[pick.base];
  if (pick.base !== 'account') return resolveSecretRef(pick.ref, { env, baseDir, redactor });
  // Fail closed: an account file's reference without a stated trust gets the empty allow-list.
  const acc = bases.accountFile ?? { file: baseDir, trust: { envNames: new Set<string>() } };
  const account = { file: acc.file, path, trust: acc.trust, as };
  return resolveSecretRef(pick.ref, { env, baseDir, redactor, account });
}
