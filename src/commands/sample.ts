import type { CommandHandler } from '../contracts/index.js';
import { ExitCode } from '../core/exit-codes.js';
import { resolveOptions } from '../core/options/resolve.js';
import { SAMPLE_OPTIONS } from '../core/options/sample.js';
import { resolveSampleInput, samplePayloads } from '../core/sample/input.js';
import { printSamples } from '../ui/reporters/sample.js';

/** `qwh sample`: deterministic sample payloads; NDJSON when --count > 1. */
const sample: CommandHandler = async (ctx, args, flags) => {
  const input = resolveSampleInput(resolveOptions(SAMPLE_OPTIONS, { flags, args, env: ctx.env }));
  await printSamples(ctx, samplePayloads(input), input.count);
  return ExitCode.OK;
};
export default sample;
