import { constants } from 'node:fs';
import { lstat, open, type FileHandle } from 'node:fs/promises';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';
import { errnoOf } from './errno.js';
import { kindOf } from './read-file.js';

/** `--save FILE` of listen and of a relay: one capture record a line, each stored before it is acknowledged. */
export interface SaveSink {
  /** Appends one line; resolves once the bytes are written, rejects (file cut back) when they are not. */
  append(line: string): Promise<void>;
  /** Waits (at most `waitMs`) for the writes in flight, then closes the file. */
  close(waitMs?: number): Promise<void>;
}

/**
 * Opens `file` for appending: a regular file (created 0600) or nothing. A FIFO, a device, a
 * folder or a symlink is refused before it is opened (exit 2): opening a FIFO for writing blocks
 * until a reader comes, and a blocked open held the process past SIGTERM. O_NONBLOCK covers a FIFO
 * planted between the check and the open; O_NOFOLLOW a symlink.
 */
export async function openSaveSink(file: string): Promise<SaveSink> {
  const refuse = (code: string): UserError =>
    new UserError(MESSAGES.listen.saveUnwritable(file, code), ExitCode.USAGE);
  const pre = await lstat(file).catch(() => undefined);
  if (pre?.isSymbolicLink()) throw refuse('a symbolic link');
  const preKind = pre ? kindOf(pre) : undefined;
  if (preKind) throw refuse(`a ${preKind}, not a regular file`);
  let handle: FileHandle;
  try {
    handle = await open(
      file,
      constants.O_WRONLY |
        constants.O_APPEND |
        constants.O_CREAT |
        constants.O_NOFOLLOW |
        constants.O_NONBLOCK,
      0o600,
    );
  } catch (e) {
    throw refuse(errnoOf(e) ?? 'error');
  }
  const st = await handle.stat();
  if (!st.isFile()) {
    await handle.close().catch(() => {});
    throw refuse(`a ${kindOf(st) ?? 'special file'}, not a regular file`);
  }
  let size = st.size;
  let queue: Promise<void> = Promise.resolve();
  const write = async (line: string): Promise<void> => {
    const bytes = Buffer.from(line, 'utf8');
    try {
      let off = 0;
      while (off < bytes.length) off += (await handle.write(bytes, off)).bytesWritten;
      size += bytes.length;
    } catch (e) {
      // Never leave half a record: the next line would be glued to it.
      await handle.truncate(size).catch(() => {});
      throw e;
    }
  };
  return {
    append(line) {
      const p = queue.then(() => write(line));
      queue = p.catch(() => {});
      return p;
    },
    async close(waitMs = 2_000) {
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, waitMs);
        timer.unref();
      });
      await Promise.race([queue, waited]);
      clearTimeout(timer);
      await handle.close().catch(() => {});
    },
  };
}
