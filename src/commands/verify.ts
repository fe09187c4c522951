import type { CommandHandler } from '../contracts/index.js';
import { readSecretAndBody } from '../adapters/body-input.js';
import { ExitCode } from '../core/exit-codes.js';
import { sha256Hex } from '../core/hash.js';
import { resolveOptions } from '../core/options/resolve.js';
import { VERIFY_OPTIONS } from '../core/options/verify.js';
import { resolveVerifyInput } from '../core/signing-input.js';
import { verifyRotation } from '../core/signing.js';
import { colorsFor } from '../ui/colors.js';
import { printResult } from '../ui/print.js';
import { VERIFY_REPORTERS } from '../ui/reporters/verify.js';

/** `qwh verify`: exit 0 when the signature matches, 1 with the reason when not. */
const verify: CommandHandler = async (ctx, args, flags) => {
  const input = resolveVerifyInput(resolveOptions(VERIFY_OPTIONS, { flags, args, env: ctx.env }));
  const { secret, previousSecret, bytes } = await readSecretAndBody(input, ctx);
  const result = verifyRotation(secret, previousSecret, bytes, input.signature);
  const report = { result, bytes: bytes.length, sha256: sha256Hex(bytes) };
  printResult(ctx, VERIFY_REPORTERS[input.json ? 'json' : 'human'](report, colorsFor(ctx.stdout)));
  return result.ok ? ExitCode.OK : ExitCode.PROBLEMS;
};
export default verify;
