import type { Logger, Spinner } from '../../contracts/index.js';
import type { SecretRef } from '../../core/account/schema.js';
import { validateAccount } from '../../core/account/validate.js';
import { ACCOUNT_FILE_LIMITS } from '../../core/input/limits.js';
import { parseDocumentText, type DocumentFormat } from '../../core/input/parse-document.js';
import type { JournalRecord } from '../../core/migrate/journal.js';
import type { AccountSnapshot, VerifyResult, VerifyTarget } from '../../core/migrate/results.js';
import type { ObservedDoc } from '../../core/migrate/captures.js';
import type { StagesDoc } from '../../core/migrate/stages.js';

/** Where an account file's reference sits and where its value goes. */
export interface SecretUse {
  path: Array<string | number>;
  host: string;
  as: 'auth-header' | 'hmac-key';
  /** The reference this run's plan wrote (a secret file of its own, or --secret-env NAME): qwh's. */
  planned?: boolean;
}

/** Runs the endpoint check suite against one 2.0 webhook; reports progress as it goes. */
export type Verifier = (
  target: VerifyTarget,
  signal: AbortSignal,
  progress: (done: number, total: number) => void,
) => Promise<VerifyResult>;

/** The file-system side the service needs (src/adapters/account-store.ts implements it). */
export interface MigrateStore {
  readonly shown: string;
  lock(command: string): Promise<() => Promise<void>>;
  readCurrent(): Promise<{ bytes: Buffer; sha256: string }>;
  backup(now: Date): Promise<string>;
  writeAtomic(content: string | Uint8Array): Promise<string>;
  writeSecretFile(rel: string, value: string): Promise<'created' | 'kept'>;
  readJournal(): Promise<JournalRecord[]>;
  appendJournal(rec: JournalRecord): Promise<void>;
  readBackup(rel: string): Promise<Buffer>;
  rel(abs: string): string;
}

/** The cut-over stages beside the account file (src/adapters/stages-file.ts); atomic, no secret. */
export interface StagesStore {
  /** The file as messages name it. */
  rel(): string;
  read(): Promise<StagesDoc>;
  write(doc: StagesDoc): Promise<void>;
}

/** The observe ledger beside the account file (src/adapters/observed-file.ts); atomic, no secret. */
export interface ObservedStore {
  read(): Promise<ObservedDoc>;
  write(doc: ObservedDoc): Promise<void>;
}

export interface MigrateDeps {
  store: MigrateStore;
  stages: StagesStore;
  /** Every delivery observe judged so far; absent: each observe judges only its own captures. */
  observed?: ObservedStore;
  /** Who runs qwh (`$USER`), recorded with each stage transition. */
  user: string;
  verify: Verifier;
  /** Random bytes as hex (crypto.randomBytes in the CLI). */
  randomHex: (bytes: number) => string;
  now: () => Date;
  logger: Logger;
  spinner: (text: string) => Promise<Spinner>;
  signal: AbortSignal;
  /**
   * Resolves a secret reference of the account file (relative files from its folder); registers
   * it for masking. With `use`, the reference is the file's own and is held to the trust model
   * (core/account/secret-trust.ts), and its source and host are shown before it is read.
   */
  resolveSecret: (ref: SecretRef, use?: SecretUse) => Promise<string>;
  /** Registers a value for masking in every output. */
  registerSecret: (value: string) => void;
}

/** Parses and validates account text qwh itself produced or restored. */
export function snapshotOf(text: string, format: DocumentFormat): AccountSnapshot {
  const parsed = parseDocumentText(text, format, ACCOUNT_FILE_LIMITS);
  if (!parsed.ok) throw new Error(`account text does not parse: ${parsed.problems[0]?.message}`);
  const v = validateAccount(parsed.value);
  if (!v.ok) throw new Error(`account text is invalid: ${v.problems[0]?.message}`);
  return { text, format, data: parsed.value, account: v.account };
}
