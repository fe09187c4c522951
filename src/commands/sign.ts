import type { CommandHandler, RuntimeContext } from '../contracts/index.js';
import { sha256Hex } from '../core/hash.js';
import { readBody } from '../adapters/body-input.js';
import { secretFromFlags } from '../adapters/secrets.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { signBody } from '../core/signing.js';
import { MESSAGES } from '../messages/index.js';

/** Resolves the secret of sign/verify from --secret-env / --secret-file; required. */
export async function requireSecret(
  ctx: RuntimeContext,
  opts: Record<string, unknown>,
): Promise<string> {
  const secret = await secretFromFlags(
    opts.secretEnv as string | undefined,
    opts.secretFile as string | undefined,
    'the secret',
    {
      env: ctx.env,
      baseDir: ctx.cwd,
      redactor: ctx.redactor,
    },
  );
  if (secret === undefined)
    throw new UserError(MESSAGES.sign.needSecret, ExitCode.USAGE, MESSAGES.sign.needSecretHint);
  return secret;
}

/** `qwh sign [file|-]`: prints `sha256=<hex>` of the exact bytes. */
const sign: CommandHandler = async (ctx, [file], opts) => {
  const secret = await requireSecret(ctx, opts);
  const { bytes } = await readBody(file, ctx.stdin, ctx.cwd);
  const signature = signBody(secret, bytes);
  if (opts.json) {
    const sha256 = sha256Hex(bytes);
    ctx.stdout.write(
      JSON.stringify({ header: 'X-Qualifio-Signature', signature, bytes: bytes.length, sha256 }) +
        '\n',
    );
  } else ctx.stdout.write(signature + '\n');
  return ExitCode.OK;
};
export default sign;
