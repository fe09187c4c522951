import { TOKEN_QUERY_PARAM } from '../assumptions.js';
import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { MESSAGES } from '../../messages/index.js';
import { maskUrl, decodeOr } from '../redact.js';
import { badPercentMessage, badPercentPart } from '../url-escapes.js';
import type { SecretMasker } from '../../contracts/index.js';

const E = MESSAGES.endpoint;

/** A receiver URL as it may be shown: credential-looking query values masked. */
export const showUrl = (u: string): string => maskUrl(u, (k) => TOKEN_QUERY_PARAM.test(k));

/**
 * Checks a receiver URL and moves its credentials (user:pass@) into a Basic auth header;
 * registers every secret part (password, token query values, the Basic value) for masking.
 */
export function splitCredentials(
  raw: string,
  masker: SecretMasker,
): { url: string; basic?: string } {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UserError(E.badUrl(showUrl(raw)), ExitCode.USAGE, E.badUrlHint);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new UserError(E.badUrl(showUrl(raw)), ExitCode.USAGE, E.badUrlHint);
  const part = badPercentPart(raw);
  if (part)
    throw new UserError(
      `${showUrl(raw)}: ${badPercentMessage(part)}`,
      ExitCode.USAGE,
      MESSAGES.input.badPercentHint,
    );
  for (const [k, v] of u.searchParams) if (TOKEN_QUERY_PARAM.test(k)) masker.add(v);
  if (!u.username && !u.password) return { url: u.toString() };
  const user = decodeOr(u.username);
  const pass = decodeOr(u.password);
  masker.add(pass);
  masker.add(u.password);
  const basic = `Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}`;
  masker.add(basic.slice('Basic '.length));
  u.username = '';
  u.password = '';
  return { url: u.toString(), basic };
}
