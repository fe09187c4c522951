import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { MESSAGES } from '../../messages/index.js';
import type { SAMPLE_OPTIONS } from '../options/sample.js';
import type { Resolved } from '../options/spec.js';
import { generateSample, type SampleState } from './generate.js';

/** What `qwh sample` prints: which model, which state, from which seed, how many. */
export interface SampleInput {
  version: 1 | 2;
  state: SampleState;
  seed: number;
  count: number;
}

/** Settles sample's input; refuses a 1.0 incomplete sample (1.0 never sent one). */
export function resolveSampleInput(o: Resolved<typeof SAMPLE_OPTIONS>): SampleInput {
  if (o.version === 1 && o.state === 'incomplete')
    throw new UserError(
      MESSAGES.sample.v1Incomplete,
      ExitCode.USAGE,
      MESSAGES.sample.v1IncompleteHint,
    );
  return { version: o.version, state: o.state, seed: o.seed, count: o.count };
}

/** The payloads of a sample run, one at a time (a million never sit in memory at once): seed, seed+1, … */
export function* samplePayloads(input: SampleInput): Generator<unknown> {
  for (let i = 0; i < input.count; i++) {
    const pair = generateSample((input.seed + i) >>> 0, input.state);
    yield input.version === 2 ? pair.v2 : pair.v1;
  }
}
