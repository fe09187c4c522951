import type { SecretMasker, SecretWeakness } from '../contracts/index.js';

/**
 * Secrets shorter than this are refused where qwh reads them (src/adapters/secrets.ts): a 1–3
 * character value cannot be masked anywhere without garbling output.
 */
export const MIN_REDACTABLE_LENGTH = 4;
/** Below this a secret is "short": qwh warns (it is guessable, and masked only where secrets belong). */
export const SHORT_SECRET_LENGTH = 8;
/**
 * The last-line scan of every output (`redact`) masks only secrets at least this long and not
 * common words: such a value cannot be part of an id, a key or qwh's own text by accident.
 */
export const UNAMBIGUOUS_SECRET_LENGTH = 12;

export const MASK = '••••';

/** Words people use as secrets; as a substring of output they are also everywhere else. */
const COMMON_WORDS = new Set(
  [
    'admin',
    'changeme',
    'default',
    'hook',
    'letmein',
    'pass',
    'passw0rd',
    'password',
    'password1',
    'qualifio',
    'qwerty',
    'secret',
    'secret123',
    'test',
    'testing',
    'token',
    'webhook',
    'webhooks',
    'welcome',
  ].map((w) => w.toLowerCase()),
);

/** Why a secret value is weak, or undefined when it is not. */
export function secretWeakness(value: string): SecretWeakness | undefined {
  const n = [...value].length;
  if (n < MIN_REDACTABLE_LENGTH) return 'too-short';
  if (COMMON_WORDS.has(value.toLowerCase()) || /^(.)\1*$/.test(value) || /^\d+$/.test(value))
    return 'common';
  if (n < SHORT_SECRET_LENGTH) return 'short';
  return undefined;
}

/** True when a value may be masked by substring everywhere: long and not a common word. */
export function isUnambiguousSecret(value: string): boolean {
  return [...value].length >= UNAMBIGUOUS_SECRET_LENGTH && secretWeakness(value) === undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A hex number as a case-insensitive pattern, `pad` digits (an escape may use a or A). */
function hexPattern(n: number, pad: number): string {
  return [...n.toString(16).padStart(pad, '0')]
    .map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d))
    .join('');
}

/** Every way one character may be written in JSON, YAML (plain, '…', "…") or a URL. */
function charPattern(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const alts = [escapeRegExp(ch)];
  if (cp < 0x10000) alts.push(`\\\\u${hexPattern(cp, 4)}`);
  else {
    const hi = 0xd800 + ((cp - 0x10000) >> 10);
    const lo = 0xdc00 + ((cp - 0x10000) & 0x3ff);
    alts.push(`\\\\u${hexPattern(hi, 4)}\\\\u${hexPattern(lo, 4)}`, `\\\\U${hexPattern(cp, 8)}`);
  }
  if (cp < 0x100) alts.push(`\\\\x${hexPattern(cp, 2)}`);
  const bytes = [...Buffer.from(ch, 'utf8')];
  alts.push(bytes.map((b) => `%${hexPattern(b, 2)}`).join(''));
  if (ch === "'") alts.push("''");
  if (ch === '"' || ch === '\\' || ch === '/') alts.push(`\\\\${escapeRegExp(ch)}`);
  if (ch === ' ') alts.push('\\+');
  return alts.length === 1 ? alts[0]! : `(?:${alts.join('|')})`;
}

/**
 * A pattern for a secret in any of the forms it may take in text qwh shows: as is, JSON- and
 * YAML-escaped (`\u0073`, `\x73`, `''`, `\"`, in any mix), percent-encoded, and base64.
 */
export function secretPatternSource(secret: string): string {
  const escaped = [...secret].map(charPattern).join('');
  const b64 = Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, '');
  const forms = [escaped];
  if (b64.length >= MIN_REDACTABLE_LENGTH) forms.push(escapeRegExp(b64));
  return forms.join('|');
}

/**
 * The pattern of several secrets, longest first. `bounded`: a match must not sit inside a longer
 * word (`pass` in `password`, `secret` in `rejects-wrong-secret`): a secret-bearing text (a
 * diff line, a snippet) still has keys and words of its own around the value.
 */
function secretsPattern(secrets: Iterable<string>, bounded: boolean | 'url'): RegExp | undefined {
  const list = [...new Set(secrets)]
    .filter((s) => [...s].length >= MIN_REDACTABLE_LENGTH)
    .sort((a, b) => b.length - a.length);
  if (list.length === 0) return undefined;
  const alts = list.map(secretPatternSource).join('|');
  if (bounded === 'url') return new RegExp(`${URL_BEFORE}(?:${alts})${URL_AFTER}`, 'g');
  return new RegExp(bounded ? `${WORD_BEFORE}(?:${alts})${WORD_AFTER}` : alts, 'g');
}
const WORD_BEFORE = '(?<![A-Za-z0-9_])';
const WORD_AFTER = '(?![A-Za-z0-9_])';
// A URL's password or query value, in any spelling: after `:` or `=`, before `@`, `&`, `#`, a
// quote, a space, a backslash (an escape), `%` or the end.
const URL_BEFORE = `(?<=${charPattern(':')}|${charPattern('=')})`;
const URL_AFTER = `(?=[@&#"'\\s%\\\\]|$)`;

/**
 * Masks URL credentials (passwords, token values) where they stand in a URL, also in escaped
 * forms (`https:\/\/u:p@…`, `\u0070`), never the same word elsewhere (a name "Acme webhook").
 */
export function maskUrlSecrets(text: string, secrets: Iterable<string>): string {
  const re = secretsPattern(secrets, 'url');
  return re ? text.replace(re, MASK) : text;
}

/**
 * Replaces each of the given secrets (every form of it) in a secret-bearing text by the mask,
 * where it stands as a value of its own (not inside a longer word).
 */
export function maskSecrets(text: string, secrets: Iterable<string>): string {
  const re = secretsPattern(secrets, true);
  return re ? text.replace(re, MASK) : text;
}

/** Options of a masker: told once about each weak secret registered, by its label. */
export interface RedactorOptions {
  onWeak?: (weakness: SecretWeakness, label: string | undefined) => void;
}

/**
 * The masker. Secrets are masked **where they occur** — a secret-bearing value, a header value, URL
 * userinfo and query values, an echoed body or a receiver's snippet, the migrate diff — with
 * `mask` (and `maskUrl`, at the source). Every byte written to a terminal, file or report also
 * passes through `redact`, the last-line scan: it masks only unambiguous secrets (12+ characters,
 * not a common word), so that a secret `pass` never turns the key `counts.pass` into `••••`.
 */
export class Redactor implements SecretMasker {
  private readonly secrets = new Set<string>();
  private readonly warned = new Set<string>();
  private all: RegExp | undefined;
  private long: RegExp | null | undefined;

  constructor(private readonly options: RedactorOptions = {}) {}

  /** Registers a secret value (label: where it came from, for a warning); returns it unchanged. */
  add(secret: string | undefined | null, label?: string): string | undefined | null {
    if (!secret) return secret;
    const weak = secretWeakness(secret);
    if (weak && this.options.onWeak && !this.warned.has(secret)) {
      this.warned.add(secret);
      this.options.onWeak(weak, label);
    }
    if (weak === 'too-short' || this.secrets.has(secret)) return secret;
    this.secrets.add(secret);
    // The decoded and the encoded form of a percent-encoded value are both the secret.
    const decoded = safeDecode(secret);
    if (decoded !== secret && decoded.length >= MIN_REDACTABLE_LENGTH) this.secrets.add(decoded);
    this.all = undefined;
    this.long = undefined;
    return secret;
  }

  get size(): number {
    return this.secrets.size;
  }

  /** Masks every registered secret, in every form, in text known to carry secrets (a value, a body). */
  mask(text: string): string {
    if (this.secrets.size === 0) return text;
    this.all ??= secretsPattern(this.secrets, true);
    return this.all ? text.replace(this.all, MASK) : text;
  }

  /** The last-line scan: masks only the unambiguous registered secrets (see the class comment). */
  redact(text: string): string {
    if (this.long === undefined)
      this.long = secretsPattern([...this.secrets].filter(isUnambiguousSecret), false) ?? null;
    return this.long ? text.replace(this.long, MASK) : text;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
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
