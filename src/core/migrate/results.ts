/** What a migration run did, as reporters and callers see it (no secrets: keys, states, verdicts). */
import type { AccountFile } from '../account/schema.js';
import type { DocumentFormat } from '../input/parse-document.js';
import type { RunOutcome, VerifyVerdict } from './journal.js';
import type { RunbookStep, V1Action } from './runbook.js';

/** What the check suite is pointed at: the 2.0 webhook as Qualifio will call it. */
export interface VerifyTarget {
  v1Key: string;
  v2Key: string;
  url: string;
  authHeader?: { name: string; value: string };
  secret?: string;
  /** The plan accepted an http:// or private host (--allow-insecure-host). */
  allowInsecure: boolean;
  /** The webhook pushes incomplete participations: test those too. */
  incompleteParticipations: boolean;
}

/** One check of the suite, as reported (no bodies, headers or secrets). */
export interface VerifyCheck {
  id: string;
  title: string;
  status: 'pass' | 'fail' | 'warn' | 'skip';
  detail?: string;
}

export interface VerifyResult {
  verdict: 'pass' | 'fail' | 'unreachable';
  checks: VerifyCheck[];
}

/** The account file as loaded: text and parsed forms. */
export interface AccountSnapshot {
  text: string;
  format: DocumentFormat;
  data: unknown;
  account: AccountFile;
}

export interface UnitResult {
  v1Key: string;
  v2Key: string;
  created: boolean;
  twins: number;
  verify?: { verdict: VerifyVerdict; checks: VerifyCheck[]; fromJournal?: boolean; error?: string };
  /** 1.0 stays on at apply, always; why its verification waited, when it did. */
  v1: V1Action;
}

export interface ApplyResult {
  run: string;
  backup?: string;
  secretFiles: Array<{ file: string; state: 'created' | 'kept' }>;
  units: UnitResult[];
  outcome: RunOutcome;
  exitCode: number;
  final: AccountSnapshot;
  changed: boolean;
}

/** What a rollback will do, shown before it does it. */
export interface RollbackInfo {
  run: string;
  backup: string;
  finished: boolean;
  matches: boolean;
  revert: RunbookStep[];
  /** Why nothing is to be reverted in the back office, when that is known from the stages. */
  note?: string;
  secretFiles: string[];
  /** An earlier run that also changed the file (another rollback undoes it), if any. */
  earlierRun?: string;
}
