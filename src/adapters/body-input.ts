import { resolve } from 'node:path';
import { readRegularFile, readStreamCapped } from './read-file.js';

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
  return { bytes: await readRegularFile(resolve(cwd, file), MAX_BODY_BYTES, file), shown: file };
}
