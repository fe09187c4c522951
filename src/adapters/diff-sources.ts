import { demoEvents } from '../core/diff/demo.js';
import type { DiffInputs } from '../core/diff/input.js';
import type { PayloadEvent } from '../contracts/index.js';
import { eachPayload, readPayloads } from './payload-reader.js';

/** One side of a diff: a label for messages and its payload events (the service's PayloadSide). */
export interface PayloadSide {
  label: string;
  events: AsyncIterable<PayloadEvent> | Iterable<PayloadEvent>;
  /** The same events pushed to `visit` one by one, when the source can (cheaper per record). */
  each?: (visit: (ev: PayloadEvent) => void) => Promise<void>;
}

/** The two sides diff-payload compares: the captures given (files, folders, NDJSON, stdin), or the bundled samples. */
export function diffSources(
  inputs: DiffInputs,
  world: { cwd: string; stdin: NodeJS.ReadableStream; warn: (text: string) => void },
): { v1: PayloadSide; v2: PayloadSide } {
  if (inputs.kind !== 'files')
    return {
      v1: { label: 'bundled 1.0 samples', events: demoEvents('v1') },
      v2: { label: 'bundled 2.0 samples', events: demoEvents('v2') },
    };
  const side = (arg: string, which: 'v1' | 'v2'): PayloadSide => {
    const opts = { cwd: world.cwd, stdin: world.stdin, onNotice: world.warn, side: which };
    // Both are lazy: only the one the diff reads ever opens the input.
    return {
      label: arg === '-' ? 'stdin' : arg,
      events: readPayloads(arg, opts),
      each: (visit) => eachPayload(arg, opts, visit),
    };
  };
  return { v1: side(inputs.v1, 'v1'), v2: side(inputs.v2, 'v2') };
}
