import type { PayloadEvent } from '../../contracts/index.js';
import { generateSample } from '../sample/generate.js';

/** Seeds of the bundled demo (qwh sample --seed 1..DEMO_SAMPLES). */
export const DEMO_SAMPLES = 20;

/** The bundled demo's payloads of one side: the generated samples of seeds 1..DEMO_SAMPLES. */
export function* demoEvents(side: 'v1' | 'v2'): Generator<PayloadEvent> {
  for (let seed = 1; seed <= DEMO_SAMPLES; seed++) {
    const pair = generateSample(seed);
    yield {
      kind: 'record',
      value: side === 'v1' ? pair.v1 : pair.v2,
      where: `sample seed ${seed}`,
    };
  }
}
