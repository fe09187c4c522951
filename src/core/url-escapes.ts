import { MESSAGES } from '../messages/index.js';

/** The parts of a URL that hold percent-escapes qwh decodes (masking, Basic credentials, sending). */
export type UrlPart = 'user name' | 'password' | 'path' | 'query' | 'fragment';

const MALFORMED = /%(?![0-9A-Fa-f]{2})/;

function decodes(text: string): boolean {
  if (MALFORMED.test(text)) return false;
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false; // an escape sequence that is not UTF-8 (`%E0%A4%A`, `%FF`)
  }
}

/**
 * The first part of a URL whose percent-encoding is malformed (`p%zz`, a truncated `%E0%A4%A`,
 * an escape that is not UTF-8), or undefined. The WHATWG parser accepts such a URL as it is, but
 * qwh cannot decode it: it could neither mask its credentials nor send them faithfully.
 * A URL that does not parse is left to the caller's own check.
 */
export function badPercentPart(raw: string): UrlPart | undefined {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  const parts: Array<[UrlPart, string]> = [
    ['user name', u.username],
    ['password', u.password],
    ['path', u.pathname],
    ['query', u.search.slice(1)],
    ['fragment', u.hash.slice(1)],
  ];
  return parts.find(([, text]) => !decodes(text))?.[0];
}

/** The one-line reason for a URL with malformed percent-encoding (never shows the URL's parts). */
export const badPercentMessage = (part: UrlPart): string => MESSAGES.input.badPercent(part);
