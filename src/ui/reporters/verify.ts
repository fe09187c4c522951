import type { ChalkInstance } from 'chalk';
import type { RotationCheck } from '../../core/signing.js';
import { MESSAGES } from '../../messages/index.js';
import { versioned } from './json-document.js';

/** What `qwh verify` found: the check, and the facts of the bytes it was made on. */
export interface VerifyReport {
  result: RotationCheck;
  bytes: number;
  sha256: string;
}

/** verify's human report: a tick, or a cross with the reason, the body's facts and the usual causes. */
export function renderVerifyHuman(r: VerifyReport, c: ChalkInstance): string {
  if (r.result.ok)
    return r.result.matched === 'previous'
      ? `${c.green('✔')} ${MESSAGES.sign.match} — ${c.yellow(MESSAGES.secrets.matched('previous'))}\n`
      : `${c.green('✔')} ${MESSAGES.sign.match}\n`;
  return (
    `${c.red('✖')} ${MESSAGES.sign.mismatch(r.result.reason, r.result.detail)}\n` +
    `  ${MESSAGES.sign.bodyFacts(r.bytes, r.sha256)}\n  ${MESSAGES.sign.causes}\n`
  );
}

/** verify's `--json` document: ok, the reason when not, and the body's facts. */
export function renderVerifyJson(r: VerifyReport): string {
  return (
    JSON.stringify(
      versioned({
        ok: r.result.ok,
        ...(r.result.ok
          ? { secret: r.result.matched }
          : { reason: r.result.reason, detail: r.result.detail }),
        bytes: r.bytes,
        sha256: r.sha256,
      }),
    ) + '\n'
  );
}

/** verify's reporters. */
export const VERIFY_REPORTERS = {
  human: renderVerifyHuman,
  json: (r: VerifyReport, _c: ChalkInstance): string => renderVerifyJson(r),
} as const;
