import type { SecretMasker } from '../contracts/index.js';

/** Secrets shorter than this are not masked by substring (masking "ab" everywhere would garble output); the code must never print them anyway. */
export const MIN_REDACTABLE_LENGTH = 4;

export const MASK = '••••';

/**
 * Masks every registered secret (and its URL- and base64-encoded forms) in text. Every byte qwh
 * writes to a terminal, file or report passes through one of these, as a last line of defence.
 */
export class Redactor implements SecretMasker {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | undefined;

  /** Registers a secret value; returns it unchanged for convenient chaining. */
  add(secret: string | undefined | null): string | undefined | null {
    if (!secret || secret.length < MIN_REDACTABLE_LENGTH) return secret;
    const forms = [
      secret,
      encodeURIComponent(secret),
      Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''),
    ];
    let changed = false;
    for (const f of forms) {
      if (f.length >= MIN_REDACTABLE_LENGTH && !this.secrets.has(f)) {
        this.secrets.add(f);
        changed = true;
      }
    }
    if (changed) this.pattern = undefined;
    return secret;
  }

  get size(): number {
    return this.secrets.size;
  }

  /** Returns text with every registered secret replaced by the mask. */
  redact(text: string): string {
    if (this.secrets.size === 0) return text;
    if (!this.pattern) {
      // Longest first, so a secret that contains another is masked whole.
      const alts = [...this.secrets].sort((a, b) => b.length - a.length).map(escapeRegExp);
      this.pattern = new RegExp(alts.join('|'), 'g');
    }
    return text.replace(this.pattern, MASK);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A URL as it may be shown: user, password and credential-like query values masked. */
export function maskUrl(raw: string, isTokenParam: (name: string) => boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw.replace(/\/\/[^/@]*@/, `//${MASK}@`);
  }
  if (url.username) url.username = MASK;
  if (url.password) url.password = MASK;
  for (const [k] of url.searchParams) if (isTokenParam(k)) url.searchParams.set(k, MASK);
  return decodeOr(url.toString(), decodeURI);
}

/**
 * Percent-decodes, or returns the text as it is when its escapes are malformed (`%E0%A4%A`,
 * `p%zz`): a URL the WHATWG parser accepts must never crash qwh (exit 70).
 */
export function decodeOr(text: string, decode: (s: string) => string = decodeURIComponent): string {
  try {
    return decode(text);
  } catch {
    return text;
  }
}
