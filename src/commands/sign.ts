import type { CommandHandler } from '../contracts/index.js';
import { readSecretAndBody } from '../adapters/body-input.js';
import { ExitCode } from '../core/exit-codes.js';
import { sha256Hex } from '../core/hash.js';
import { resolveOptions } from '../core/options/resolve.js';
import { SIGN_OPTIONS } from '../core/options/sign.js';
import { resolveSignInput } from '../core/signing-input.js';
import { signBody } from '../core/signing.js';
import { printResult } from '../ui/print.js';
import { SIGN_REPORTERS } from '../ui/reporters/sign.js';

/** `qwh sign [file|-]`: prints `sha256=<hex>` of the exact bytes. */
const sign: CommandHandler = async (ctx, args, flags) => {
  const input = resolveSignInput(resolveOptions(SIGN_OPTIONS, { flags, args, env: ctx.env }));
  const { secret, bytes } = await readSecretAndBody(input, ctx);
  const report = {
    signature: signBody(secret, bytes),
    bytes: bytes.length,
    sha256: sha256Hex(bytes),
  };
  printResult(ctx, SIGN_REPORTERS[input.json ? 'json' : 'human'](report));
  return ExitCode.OK;
};
export default sign;
