import type { CommandHandler } from '../contracts/index.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { generateSample, type SampleState } from '../core/sample/generate.js';
import { MESSAGES } from '../messages/index.js';

const MAX_COUNT = 10_000_000;

function wholeNumber(flag: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new UserError(
      MESSAGES.sample.badNumber(flag, String(v)),
      ExitCode.USAGE,
      `Use a whole number from ${min} to ${max}.`,
    );
  }
  return v;
}

/** `qwh sample`: deterministic sample payloads; NDJSON when --count > 1. */
const sample: CommandHandler = async (ctx, _args, opts) => {
  const version = Number(opts.version) as 1 | 2;
  const state = opts.state as SampleState;
  const seed = wholeNumber('--seed', opts.seed, 0, 2 ** 32 - 1);
  const count = wholeNumber('--count', opts.count, 1, MAX_COUNT);
  if (version === 1 && state === 'incomplete') {
    throw new UserError(
      MESSAGES.sample.v1Incomplete,
      ExitCode.USAGE,
      MESSAGES.sample.v1IncompleteHint,
    );
  }
  if (count === 1) {
    const pair = generateSample(seed, state);
    ctx.stdout.write(JSON.stringify(version === 2 ? pair.v2 : pair.v1, null, 2) + '\n');
    return ExitCode.OK;
  }
  // Stream with back-pressure so a million samples never sit in memory at once.
  let buf = '';
  for (let i = 0; i < count; i++) {
    const pair = generateSample((seed + i) >>> 0, state);
    buf += JSON.stringify(version === 2 ? pair.v2 : pair.v1) + '\n';
    if (buf.length > 1 << 16) {
      await writeDrained(ctx.stdout.write.bind(ctx.stdout), buf);
      buf = '';
    }
  }
  if (buf) ctx.stdout.write(buf);
  return ExitCode.OK;
};

async function writeDrained(write: (s: string) => void, text: string): Promise<void> {
  write(text);
  if (process.stdout.writableNeedDrain) await new Promise((r) => process.stdout.once('drain', r));
}

export default sample;
