import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { MESSAGES } from '../../messages/index.js';
import type { DIFF_PAYLOAD_OPTIONS } from '../options/diff-payload.js';
import type { Resolved } from '../options/spec.js';
import type { FailOn } from './classify.js';
import type { AdapterLanguage } from '../adapter/emit-common.js';

const D = MESSAGES.diff;

/** What each side is read from: two inputs, or the bundled demo when none is given. */
export type DiffInputs = { kind: 'demo' } | { kind: 'files'; v1: string; v2: string };

/** diff-payload's input with every layer settled (files still unread). */
export interface DiffPayloadCommandInput {
  inputs: DiffInputs;
  /** A --map / --rules file: from the flag (relative to the cwd) or config (already absolute). */
  map?: string;
  rules?: string;
  failOn: FailOn;
  reporter: 'human' | 'json' | 'markdown' | 'junit' | 'github';
  skipInvalid: boolean;
  /** --emit-adapter (with --out), --emit-schema, --emit-types: what to generate. */
  emit?: {
    adapter?: { lang: AdapterLanguage; out?: string };
    schema?: string;
    types?: string;
  };
}

/**
 * Settles diff-payload's input: `--json` > `--reporter` > `--format` (flag, then config `format`)
 * > human; `table` is the human reporter's older name. Both inputs or none; one stdin at most.
 */
export function resolveDiffInput(
  o: Resolved<typeof DIFF_PAYLOAD_OPTIONS>,
): DiffPayloadCommandInput {
  if ((o.v1 === undefined) !== (o.v2 === undefined))
    throw new UserError(D.needBoth, ExitCode.USAGE, D.needBothHint);
  if (o.v1 === '-' && o.v2 === '-') throw new UserError(D.twoStdin, ExitCode.USAGE, D.twoStdinHint);
  if (o.out !== undefined && o.emitAdapter === undefined)
    throw new UserError(
      MESSAGES.adapter.outNeedsEmit,
      ExitCode.USAGE,
      MESSAGES.adapter.outNeedsEmitHint,
    );
  const emit = {
    ...(o.emitAdapter !== undefined
      ? { adapter: { lang: o.emitAdapter, ...(o.out !== undefined ? { out: o.out } : {}) } }
      : {}),
    ...(o.emitSchema !== undefined ? { schema: o.emitSchema } : {}),
    ...(o.emitTypes !== undefined ? { types: o.emitTypes } : {}),
  };
  const named = o.json ? 'json' : (o.reporter ?? o.format ?? 'human');
  return {
    inputs:
      o.v1 !== undefined && o.v2 !== undefined
        ? { kind: 'files', v1: o.v1, v2: o.v2 }
        : { kind: 'demo' },
    ...(o.map !== undefined ? { map: o.map } : {}),
    ...(o.rules !== undefined ? { rules: o.rules } : {}),
    failOn: o.failOn,
    reporter: named === 'table' ? 'human' : named,
    skipInvalid: o.skipInvalid,
    ...(Object.keys(emit).length > 0 ? { emit } : {}),
  };
}
