import { X509Certificate } from 'node:crypto';
import { resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';
import { readRegularFile } from './read-file.js';

const MAX_CA_BYTES = 1024 * 1024;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Reads `--ca-file`: PEM certificates only. A file with no certificate block, or a block that does
 * not parse, is refused (exit 2) naming the file: it used to be accepted and TLS then failed
 * (or trusted nothing extra) with no word about the file.
 */
export async function readCaFile(cwd: string, file: string): Promise<Buffer> {
  const bytes = await readRegularFile(
    resolve(cwd, file),
    MAX_CA_BYTES,
    file,
    MESSAGES.input.pathHint,
  );
  const blocks = bytes.toString('latin1').match(PEM_BLOCK) ?? [];
  const bad = (): UserError =>
    new UserError(MESSAGES.input.caNotPem(file), ExitCode.USAGE, MESSAGES.input.caNotPemHint);
  if (blocks.length === 0) throw bad();
  for (const pem of blocks) {
    try {
      new X509Certificate(pem);
    } catch {
      throw bad();
    }
  }
  return bytes;
}
