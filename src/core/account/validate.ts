import type { Problem } from '../path.js';
import { zodIssuesToProblems } from '../zod-problems.js';
import { AccountFileSchema, type AccountFile } from './schema.js';
import { checkAccountSemantics, type AccountWarning } from './semantics.js';

export type AccountValidation =
  | { ok: true; account: AccountFile; warnings: AccountWarning[] }
  | { ok: false; problems: Problem[] };

/** Validates parsed account-file data: shape first, then semantics; returns every problem found. */
export function validateAccount(data: unknown): AccountValidation {
  const parsed = AccountFileSchema.safeParse(data);
  if (!parsed.success)
    return { ok: false, problems: zodIssuesToProblems(parsed.error.issues, AccountFileSchema) };
  const { problems, warnings } = checkAccountSemantics(parsed.data);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, account: parsed.data, warnings };
}
