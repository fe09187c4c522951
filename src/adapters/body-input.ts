import { MESSAGES } from '../messages/index.js';
import { resolve } from 'node:path';
import type { RuntimeContext } from '../contracts/index.js';
import { readRegularFile, readStreamCapped } from './read-file.js';
import { readSecretPick } from './secrets.js';

/** Largest body `qwh sign`/`verify` read (a participation is a few kB; Qualifio caps far below). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Reads a body file, or stdin for "-", as exact bytes (never re-encoded: signatures cover bytes). */
export async function readBody(
  file: string | undefined,
  stdin: NodeJS.ReadStream,
  cwd: string,
): Promise<{ bytes: Buffer; shown: string }> {
  if (!file || file === '-')
    return { bytes: await readStreamCapped(stdin, MAX_BODY_BYTES), shown: 'stdin' };
  return {
    bytes: await readRegularFile(resolve(cwd, file), MAX_BODY_BYTES, file, MESSAGES.input.pathHint),
    shown: file,
  };
}

/**
 * What `qwh sign` and `qwh verify` both read: the secret (from the flag the user gave, relative
 * files from the cwd) and the exact body bytes (a file or `-` for stdin).
 */
export async function readSecretAndBody(
  input: {
    secret: Parameters<typeof readSecretPick>[0];
    previousSecret?: Parameters<typeof readSecretPick>[0];
    file: string;
  },
  ctx: Pick<RuntimeContext, 'env' | 'cwd' | 'stdin' | 'redactor'>,
): Promise<{ secret: string; previousSecret?: string; bytes: Buffer }> {
  const bases = { cwd: ctx.cwd, config: ctx.cwd };
  const secret = await readSecretPick(input.secret, ctx.env, bases, ctx.redactor);
  const previousSecret = input.previousSecret
    ? await readSecretPick(input.previousSecret, ctx.env, bases, ctx.redactor)
    : undefined;
  const { bytes } = await readBody(input.file, ctx.stdin, ctx.cwd);
  return { secret, bytes, ...(previousSecret !== undefined ? { previousSecret } : {}) };
}
