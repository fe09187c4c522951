import type { AccountFile } from '../account/schema.js';
import { validateAccount } from '../account/validate.js';
import { ACCOUNT_FILE_LIMITS } from '../input/limits.js';
import { parseDocumentText, type DocumentFormat } from '../input/parse-document.js';
import { editAccountText } from './edit-text.js';
import { planDisableEdits, planWriteEdits } from './edits.js';
import { diffLines, formatUnifiedDiff } from './line-diff.js';
import { maskSecrets, maskUrlSecrets } from '../redact.js';
import { maskUrlsInText } from './mask-text.js';
import { registerUrlSecrets } from './url-secrets.js';
import type { RunbookPair } from './runbook.js';
import type { Plan } from './types.js';

/** What the file would look like: the diff written at apply, the diff written after verification. */
export interface PlanPreview {
  /** Unified diff of the apply step (2.0 webhooks, rule twins); URL credentials masked. */
  writeDiff: string;
  /** Unified diff of the disable step (1.0 `enabled: false`), written only once verified. */
  disableDiff: string;
  /** The account as it will be if every step succeeds. */
  finalAccount: AccountFile;
}

function reparse(text: string, format: DocumentFormat): AccountFile {
  const parsed = parseDocumentText(text, format, ACCOUNT_FILE_LIMITS);
  if (!parsed.ok) throw new Error('edited account text does not parse');
  const v = validateAccount(parsed.value);
  if (!v.ok) throw new Error(`edited account text is invalid: ${v.problems[0]?.message}`);
  return v.account;
}

/**
 * The secrets an account file holds in clear: literal `secret` and `authHeader.value` values, URL
 * passwords and token values. The diff shows the file's lines, so these are masked in it.
 */
export function literalSecrets(account: AccountFile): { values: string[]; url: string[] } {
  const values: string[] = [];
  for (const w of account.webhooks) {
    if (w.version !== 2) continue;
    if (typeof w.secret === 'string') values.push(w.secret);
    const v = w.authHeader?.value;
    if (typeof v === 'string') values.push(v, ...v.split(/ +/).slice(1));
  }
  const url: string[] = [];
  registerUrlSecrets(account, (v) => url.push(v));
  return { values, url };
}

/** Computes both diffs of a plan from the file text, exactly as apply will edit it. */
export function previewPlan(
  file: { text: string; format: DocumentFormat; data: unknown; account: AccountFile; name: string },
  plan: Plan,
): PlanPreview {
  const step1 = editAccountText(
    file.text,
    file.format,
    file.data,
    planWriteEdits(plan, file.account),
  );
  const afterWrite = reparse(step1.text, file.format);
  const data1 = parseDocumentText(step1.text, file.format, ACCOUNT_FILE_LIMITS);
  const step2 = editAccountText(
    step1.text,
    file.format,
    data1.ok ? data1.value : file.data,
    planDisableEdits(
      afterWrite,
      plan.units.filter((u) => u.disableV1).map((u) => u.v1.key),
    ),
  );
  const finalAccount = reparse(step2.text, file.format);
  // Literal secrets (also JSON- or YAML-escaped: `\u0073…`, '…''…') and URL credentials masked.
  const [before, after] = [literalSecrets(file.account), literalSecrets(finalAccount)];
  const diff = (a: string, b: string, label: string): string =>
    maskUrlSecrets(
      maskSecrets(
        maskUrlsInText(formatUnifiedDiff(diffLines(a, b), file.name, `${file.name} (${label})`)),
        [...before.values, ...after.values],
      ),
      [...before.url, ...after.url],
    );
  return {
    writeDiff: diff(file.text, step1.text, 'apply'),
    disableDiff: diff(step1.text, step2.text, 'after verification'),
    finalAccount,
  };
}

/** Runbook pairs of a plan before it runs: 1.0 goes off where the plan turns it off. */
export function plannedPairs(plan: Plan): RunbookPair[] {
  return plan.units.map((u) => ({
    v1Key: u.v1.key,
    v2Key: u.v2Key,
    v1: u.disableV1
      ? { do: 'turn-off' as const }
      : {
          do: 'keep-on' as const,
          reason: u.verify ? ('keep-v1' as const) : ('skip-verify' as const),
        },
  }));
}
