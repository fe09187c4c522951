import type { CommandHandler } from '../contracts/index.js';
import { sha256Hex } from '../core/hash.js';
import { readBody } from '../adapters/body-input.js';
import { ExitCode } from '../core/exit-codes.js';
import { verifySignature } from '../core/signing.js';
import { colorsFor } from '../ui/colors.js';
import { MESSAGES } from '../messages/index.js';
import { requireSecret } from './sign.js';

/** `qwh verify`: exit 0 when the signature matches, 1 with the reason when not. */
const verify: CommandHandler = async (ctx, [file], opts) => {
  const secret = await requireSecret(ctx, opts);
  const { bytes } = await readBody(file, ctx.stdin, ctx.cwd);
  const result = verifySignature(secret, bytes, opts.signature as string);
  const sha256 = sha256Hex(bytes);
  if (opts.json) {
    ctx.stdout.write(
      JSON.stringify({
        ok: result.ok,
        ...(result.ok ? {} : { reason: result.reason, detail: result.detail }),
        bytes: bytes.length,
        sha256,
      }) + '\n',
    );
    return result.ok ? ExitCode.OK : ExitCode.PROBLEMS;
  }
  const c = colorsFor(ctx.stdout);
  if (result.ok) {
    ctx.stdout.write(`${c.green('✔')} ${MESSAGES.sign.match}\n`);
    return ExitCode.OK;
  }
  ctx.stdout.write(`${c.red('✖')} ${MESSAGES.sign.mismatch(result.reason, result.detail)}\n`);
  ctx.stdout.write(
    `  ${MESSAGES.sign.bodyFacts(bytes.length, sha256)}\n  ${MESSAGES.sign.causes}\n`,
  );
  return ExitCode.PROBLEMS;
};
export default verify;
