import { access } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Document } from 'yaml';
import type { AccountFile } from '../core/account/schema.js';
import type { AccountWarning } from '../core/account/semantics.js';
import { validateAccount } from '../core/account/validate.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { decodeUtf8 } from '../core/input/decode.js';
import {
  ACCOUNT_FILE_LIMITS,
  MAX_ACCOUNT_FILE_BYTES,
  type StructureLimits,
} from '../core/input/limits.js';
import {
  detectFormat,
  parseDocumentText,
  type DocumentFormat,
} from '../core/input/parse-document.js';
import { MESSAGES } from '../messages/index.js';
import { problemsError } from './problems-error.js';
import { readRegularFile } from './read-file.js';

/** An account file read, parsed and validated, with everything needed to edit it in place later. */
export interface LoadedAccount {
  /** Absolute path. */
  path: string;
  /** The path as the user gave it, for messages. */
  shown: string;
  dir: string;
  bytes: Buffer;
  text: string;
  format: DocumentFormat;
  /** The YAML document (comments and order), for in-place edits; undefined for JSON. */
  yaml?: Document;
  data: unknown;
  account: AccountFile;
  warnings: AccountWarning[];
}

export const DEFAULT_ACCOUNT_FILES = [
  'qualifio-account.yaml',
  'qualifio-account.yml',
  'qualifio-account.json',
];

/** Picks the account file: the argument, else `account` from config, else ./qualifio-account.{yaml,yml,json}. */
export async function findAccountFile(
  arg: string | undefined,
  fromConfig: string | undefined,
  cwd: string,
  command = 'check',
): Promise<string> {
  if (arg) return arg;
  if (fromConfig) return fromConfig;
  for (const name of DEFAULT_ACCOUNT_FILES) {
    try {
      await access(resolve(cwd, name));
      return name;
    } catch {
      // try the next default name
    }
  }
  throw new UserError(
    MESSAGES.check.noAccountFile,
    ExitCode.USAGE,
    MESSAGES.check.noAccountFileHint(command),
  );
}

// Apart so config and --map/--rules errors are worded without the account modules.
export { problemsError };

/**
 * Reads, parses (JSON or YAML) and validates an account file; every problem becomes one line of
 * a UserError. `limits` is for tests that prove a bound without building a document that big.
 */
export async function loadAccountFile(
  file: string,
  cwd: string,
  limits: StructureLimits = ACCOUNT_FILE_LIMITS,
): Promise<LoadedAccount> {
  const path = resolve(cwd, file);
  const bytes = await readRegularFile(path, MAX_ACCOUNT_FILE_BYTES, file);
  const text = decodeUtf8(bytes, file);
  const format = detectFormat(file, text);
  const parsed = parseDocumentText(text, format, limits);
  if (!parsed.ok) throw problemsError(file, parsed.problems);
  const v = validateAccount(parsed.value);
  if (!v.ok) throw problemsError(file, v.problems);
  return {
    path,
    shown: file,
    dir: dirname(path),
    bytes,
    text,
    format,
    ...(parsed.yaml ? { yaml: parsed.yaml } : {}),
    data: parsed.value,
    account: v.account,
    warnings: v.warnings,
  };
}
