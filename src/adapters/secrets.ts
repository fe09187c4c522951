import { isAbsolute, resolve } from 'node:path';
import type { SecretMasker } from '../contracts/index.js';
import type { SecretRef } from '../core/account/schema.js';
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
  src.redactor.add(v);
  return v;
}

/** Reads a secret from a file (one trailing newline dropped, as editors add one); registers it for masking. */
export async function secretFromFile(file: string, src: SecretSource): Promise<string> {
  const path = isAbsolute(file) ? file : resolve(src.baseDir, file);
  let text: string;
  try {
    text = (await readRegularFile(path, MAX_SECRET_FILE_BYTES, file)).toString('utf8');
  } catch (e) {
    if (e instanceof UserError)
      throw new UserError(
        MESSAGES.secrets.fileMissing(file),
        ExitCode.USAGE,
        MESSAGES.secrets.fileMissingHint,
      );
    throw e;
  }
  const v = text.replace(/\r?\n$/, '');
  if (v === '') throw new UserError(MESSAGES.secrets.fileEmpty(file), ExitCode.USAGE);
  src.redactor.add(v);
  return v;
}

/** Resolves an account-file secret reference (literal, { env }, { file }); registers it for masking. */
export async function resolveSecretRef(ref: SecretRef, src: SecretSource): Promise<string> {
  if (typeof ref === 'string') {
    src.redactor.add(ref);
    return ref;
  }
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
}

/** Reads a secret picked by a command's input resolver (core/endpoint/input.ts); registers it for masking. */
export async function readSecretPick(
  pick: { ref: SecretRef; base: 'cwd' | 'config' | 'account' },
  env: NodeJS.ProcessEnv,
  bases: SecretBases,
  redactor: SecretMasker,
): Promise<string> {
  const baseDir = pick.base === 'account' ? (bases.account ?? bases.cwd) : bases[pick.base];
  return resolveSecretRef(pick.ref, { env, baseDir, redactor });
}
