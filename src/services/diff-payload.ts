import type { Logger, PayloadEvent } from '../contracts/index.js';
import type { FailOn } from '../core/diff/classify.js';
import { V1_ID_KEYS } from '../core/diff/known.js';
import { keyStep } from '../core/diff/paths.js';
import type { RuleField } from '../core/diff/rules.js';
import {
  DiffSession,
  type DiffReport,
  type DiffSample,
  type InputSummary,
} from '../core/diff/session.js';
import { InterruptedError, UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';

/** One side's payloads, as events from the payload reader (or generated samples). */
export interface DiffSource {
  label: string;
  events: AsyncIterable<PayloadEvent> | Iterable<PayloadEvent>;
  /** The same events pushed to `visit` one by one; read instead of `events` when given. */
  each?: (visit: (ev: PayloadEvent) => void) => Promise<void>;
}

export interface DiffPayloadInput {
  v1: DiffSource;
  v2: DiffSource;
  map?: ReadonlyMap<string, string | null>;
  rules?: readonly RuleField[];
  failOn: FailOn;
  /** Count and skip invalid records instead of stopping at the first (exit 2). */
  skipInvalid: boolean;
}

export interface DiffPayloadDeps {
  logger: Logger;
  /** Called every few thousand payloads, for a progress line. */
  progress?: (side: '1.0' | '2.0', label: string, payloads: number) => void;
  signal?: AbortSignal;
}

/** Invalid records kept as examples in the report. */
const INVALID_EXAMPLES = 5;
const PROGRESS_EVERY = 5_000;

type SideSummary = Omit<InputSummary, 'payloads' | 'droppedPaths'>;

/**
 * Streams one side into the session: each record added or counted invalid (exit 2 at the first
 * unless skipInvalid), progress every few thousand payloads; no payload at all is exit 2.
 */
async function readSide(
  side: '1.0' | '2.0',
  src: DiffSource,
  add: (v: unknown) => string | undefined,
  skipInvalid: boolean,
  deps: DiffPayloadDeps,
): Promise<SideSummary> {
  const summary: SideSummary = { source: src.label, invalid: 0, invalidExamples: [] };
  let taken = 0;
  deps.progress?.(side, src.label, 0);
  const invalid = (where: string, reason: string): void => {
    if (!skipInvalid)
      throw new UserError(
        MESSAGES.diff.invalidRecord(where, reason),
        ExitCode.USAGE,
        MESSAGES.diff.invalidRecordHint,
      );
    summary.invalid++;
    if (summary.invalidExamples.length < INVALID_EXAMPLES)
      summary.invalidExamples.push({ where, reason });
  };
  const visit = (ev: PayloadEvent): void => {
    if (deps.signal?.aborted) throw new InterruptedError();
    const reason = ev.kind === 'invalid' ? ev.reason : add(ev.value);
    if (reason !== undefined) return invalid(ev.where, reason);
    taken++;
    if (taken % PROGRESS_EVERY === 0) deps.progress?.(side, src.label, taken);
  };
  if (src.each) await src.each(visit);
  else for await (const ev of src.events) visit(ev);
  if (taken === 0)
    throw new UserError(
      MESSAGES.diff.noPayloads(src.label),
      ExitCode.USAGE,
      MESSAGES.diff.noPayloadsHint,
    );
  const first = summary.invalidExamples[0];
  if (first)
    deps.logger.warn(MESSAGES.diff.skipped(src.label, summary.invalid, first.where, first.reason));
  deps.logger.debug(MESSAGES.diff.read(side, src.label, taken));
  return summary;
}

/**
 * `qwh diff-payload` as a library: reads the 1.0 side, then streams the 2.0 side past it
 * (pairing twins by participation id), and returns the report and a masked sample. Invalid
 * records stop the run with exit 2 naming file and line, unless skipInvalid.
 */
export async function runDiffPayload(
  input: DiffPayloadInput,
  deps: DiffPayloadDeps,
): Promise<{ report: DiffReport; sample: DiffSample }> {
  const idKeys = [...V1_ID_KEYS];
  for (const [k, v] of input.map ?? []) if (v === 'id') idKeys.push(keyStep('', k));
  const session = new DiffSession({ v1: idKeys });
  const skip = input.skipInvalid;
  const v1 = await readSide('1.0', input.v1, (v) => session.addV1(v), skip, deps);
  const v2 = await readSide('2.0', input.v2, (v) => session.addV2(v), skip, deps);
  const result = session.finish({
    failOn: input.failOn,
    inputs: { v1, v2 },
    ...(input.map ? { map: input.map } : {}),
    ...(input.rules ? { rules: input.rules } : {}),
  });
  const { report } = result;
  if (report.comparison === 'swapped') deps.logger.warn(MESSAGES.diff.swapped);
  else if (report.comparison === 'v2-v2') deps.logger.info(MESSAGES.diff.sameVersion);
  if (report.mapNotSeen.length > 0) deps.logger.warn(MESSAGES.diff.mapNotSeen(report.mapNotSeen));
  if (report.rules && report.rules.notSeen.length > 0)
    deps.logger.warn(MESSAGES.diff.rulesNotSeen(report.rules.notSeen));
  return result;
}
