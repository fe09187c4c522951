import type { Logger } from '../contracts/index.js';
import { PairKeeper, TEST_MAX_PAIRS } from '../core/adapter/collect.js';
import type { AdapterLanguage } from '../core/adapter/emit-common.js';
import {
  compareParity,
  PARITY_SCHEMA_VERSION,
  type AdapterRun,
  type ParityReport,
} from '../core/adapter/parity.js';
import { V1_ID_KEYS } from '../core/diff/known.js';
import { InterruptedError, UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';
import type { DiffSource } from './diff-payload.js';

const A = MESSAGES.adapter;

export interface AdapterTestInput {
  adapter: { file: string; language: AdapterLanguage; run: AdapterRun };
  v1: DiffSource;
  v2: DiffSource;
  /** The diff's --map: 1.0 keys it maps to `id` also carry the participation id. */
  map?: ReadonlyMap<string, string | null>;
}

export interface AdapterTestDeps {
  logger: Logger;
  signal?: AbortSignal;
}

/** Reads one side into the keeper; an invalid record is exit 2 naming where it is. */
async function readSide(
  src: DiffSource,
  add: (value: unknown, where: string) => void,
  signal: AbortSignal | undefined,
): Promise<number> {
  let n = 0;
  for await (const ev of src.events) {
    if (signal?.aborted) throw new InterruptedError();
    if (ev.kind === 'invalid')
      throw new UserError(
        A.invalidRecord(ev.where, ev.reason),
        ExitCode.USAGE,
        A.invalidRecordHint,
      );
    add(ev.value, ev.where);
    n++;
  }
  if (n === 0) throw new UserError(A.noPayloads(src.label), ExitCode.USAGE, A.noPairsHint);
  return n;
}

/**
 * `qwh adapter test` as a library: pairs 1.0 and 2.0 captures by participation id (as
 * diff-payload does), runs the adapter on every paired 2.0 capture and compares its output
 * with the 1.0 capture, field by field. No pair at all is exit 2 (nothing was proved).
 */
export async function runAdapterTest(
  input: AdapterTestInput,
  deps: AdapterTestDeps,
): Promise<ParityReport> {
  const idKeys = [...V1_ID_KEYS];
  for (const [k, v] of input.map ?? []) if (v === 'id') idKeys.push(k);
  const keeper = new PairKeeper(idKeys, TEST_MAX_PAIRS);
  const n1 = await readSide(input.v1, (v, w) => keeper.addV1(v, w), deps.signal);
  const n2 = await readSide(input.v2, (v, w) => keeper.addV2(v, w), deps.signal);
  const pairs = keeper.pairs;
  if (pairs.length === 0)
    throw new UserError(A.noPairs(input.v1.label, input.v2.label), ExitCode.USAGE, A.noPairsHint);
  const outputs = await input.adapter.run(pairs.map((p) => p.v2));
  if (outputs.length !== pairs.length)
    throw new UserError(
      A.outputCount(input.adapter.file, outputs.length, pairs.length),
      ExitCode.USAGE,
      A.runtimeFailedHint,
    );
  const parity = compareParity(pairs, outputs, A.noValue);
  if (keeper.stats.v2Unpaired > 0) deps.logger.warn(A.unpaired(keeper.stats.v2Unpaired));
  if (keeper.stats.notKept > 0) deps.logger.warn(A.notKept(keeper.stats.notKept));
  return {
    schemaVersion: PARITY_SCHEMA_VERSION,
    adapter: { file: input.adapter.file, language: input.adapter.language },
    inputs: {
      v1: { source: input.v1.label, payloads: n1 },
      v2: { source: input.v2.label, payloads: n2 },
    },
    unpaired: keeper.stats.v2Unpaired,
    notKept: keeper.stats.notKept,
    ...parity,
  };
}
