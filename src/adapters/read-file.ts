import { errnoOf } from './errno.js';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';

/** What a non-regular file is, in words (undefined for a regular file). */
export function kindOf(s: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string | undefined {
  if (s.isDirectory()) return 'directory';
  if (s.isFIFO()) return 'named pipe (FIFO)';
  if (s.isCharacterDevice()) return 'character device';
  if (s.isBlockDevice()) return 'block device';
  if (s.isSocket()) return 'socket';
  return undefined;
}

/** The user error for a file that cannot be stat'ed or opened: missing (with `hint`) or unreadable. */
export function fileError(shown: string, e: unknown, hint: string): UserError {
  const code = errnoOf(e);
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new UserError(MESSAGES.input.notFound(shown), ExitCode.USAGE, hint);
  return new UserError(
    MESSAGES.input.unreadable(shown, code ?? (e as Error).message),
    ExitCode.USAGE,
  );
}

/**
 * Reads a whole regular file, refusing directories, FIFOs and devices (/dev/zero never ends)
 * and anything over maxBytes, before reading it: a user error names the file, never a crash.
 */
export async function readRegularFile(
  file: string,
  maxBytes: number,
  shown = file,
  notFoundHint: string = MESSAGES.input.notFoundHint,
): Promise<Buffer> {
  let st;
  try {
    st = await stat(file);
  } catch (e) {
    throw fileError(shown, e, notFoundHint);
  }
  const kind = kindOf(st);
  if (kind)
    throw new UserError(
      MESSAGES.input.notRegular(shown, kind),
      ExitCode.USAGE,
      MESSAGES.input.notRegularHint,
    );
  if (st.size > maxBytes) {
    throw new UserError(
      MESSAGES.input.tooLarge(shown, st.size, maxBytes),
      ExitCode.USAGE,
      MESSAGES.input.tooLargeHint,
    );
  }
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    throw new UserError(
      MESSAGES.input.unreadable(shown, errnoOf(e) ?? (e as Error).message),
      ExitCode.USAGE,
    );
  }
  try {
    // Read to EOF, at most maxBytes + 1: a file that reports size 0 (/proc) or grew after stat is
    // read whole (it used to be cut at the stat size), and one past the cap is refused, not slurped.
    let buf = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let off = 0;
    for (;;) {
      if (off === buf.length) {
        if (buf.length > maxBytes) break;
        const grown = Buffer.allocUnsafe(Math.min(Math.max(buf.length * 2, 4096), maxBytes + 1));
        buf.copy(grown, 0, 0, off);
        buf = grown;
      }
      const { bytesRead } = await handle.read(buf, off, buf.length - off, null);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    if (off > maxBytes)
      throw new UserError(
        MESSAGES.input.tooLarge(shown, off, maxBytes),
        ExitCode.USAGE,
        MESSAGES.input.tooLargeHint,
      );
    return buf.subarray(0, off);
  } finally {
    await handle.close();
  }
}

/** Reads a stream (stdin) to the end, refusing more than maxBytes. */
export async function readStreamCapped(
  stream: Readable,
  maxBytes: number,
  shown = 'stdin',
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += b.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new UserError(
        MESSAGES.input.tooLarge(shown, total, maxBytes),
        ExitCode.USAGE,
        MESSAGES.input.tooLargeHint,
      );
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}
