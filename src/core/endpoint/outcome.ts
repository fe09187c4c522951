import type { SendResult } from '../../contracts/index.js';
import { TOKEN_QUERY_PARAM } from '../assumptions.js';
import { maskSecrets, maskUrl } from '../redact.js';
import type { Outcome } from './checks.js';

const SNIPPET_CHARS = 160;
// eslint-disable-next-line no-control-regex -- a receiver's bytes never drive the terminal
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]+/g;

/** How outcomes are made safe to show: the target URL (for relative Locations) and its secrets. */
export interface OutcomeContext {
  url: string;
  secrets: readonly string[];
}

/** The secrets of a target that must never appear in a report (signing secret, auth value). */
export function targetSecrets(t: { secret?: string; authHeader?: { value: string } }): string[] {
  const out = [t.secret, t.authHeader?.value];
  // A scheme's credentials alone (`Bearer X`: X; `Basic B64`: B64 and the password it encodes).
  const m = /^(\S+) +(\S.*)$/.exec(t.authHeader?.value ?? '');
  if (m?.[2]) {
    out.push(m[2]);
    if (m[1]?.toLowerCase() === 'basic') {
      const plain = Buffer.from(m[2], 'base64').toString('utf8');
      const i = plain.indexOf(':');
      if (i >= 0) out.push(plain, plain.slice(i + 1));
    }
  }
  return out.filter((s): s is string => typeof s === 'string' && s.length > 0);
}

/** A URL for display: credential-looking query values masked. */
export function showUrl(u: string): string {
  return maskUrl(u, (k) => TOKEN_QUERY_PARAM.test(k));
}

/** A receiver's bytes are secret-bearing (it may echo a header): every form of each secret masked. */
function scrub(text: string, secrets: readonly string[]): string {
  return maskSecrets(text, secrets);
}

/** A relative Location made absolute, so its query tokens can be masked like any URL. */
function absolute(loc: string, base: string): string {
  try {
    return new URL(loc, base).toString();
  } catch {
    return loc;
  }
}

function snippet(body: Buffer, secrets: readonly string[]): string | undefined {
  // Masked before it is cut, so a secret across the cut cannot leave half of itself.
  const t = scrub(body.subarray(0, 4096).toString('utf8'), secrets)
    .replace(CONTROL_CHARS, ' ')
    .trim();
  if (!t) return undefined;
  return t.length > SNIPPET_CHARS ? `${t.slice(0, SNIPPET_CHARS)}…` : t;
}

/** What one send came to, with its time (rounded to 0.1 ms), a masked Location and a scrubbed snippet. */
export function toOutcome(r: SendResult, elapsedMs: number, ctx: OutcomeContext): Outcome {
  const ms = Math.round(elapsedMs * 10) / 10;
  if (!r.ok) return { kind: 'failure', failure: r.failure, code: r.code, message: r.message, ms };
  // The usual answer (a burst's every delivery): nothing to mask or cut.
  if (r.status < 300 && !r.location) return { kind: 'response', status: r.status, ms };
  const snip = r.status >= 300 ? snippet(r.body, ctx.secrets) : undefined;
  return {
    kind: 'response',
    status: r.status,
    ms,
    ...(r.location ? { location: scrub(showUrl(absolute(r.location, ctx.url)), ctx.secrets) } : {}),
    ...(snip ? { snippet: snip } : {}),
  };
}

/** The key an outcome is counted under: its HTTP status, or its failure kind. */
export function statusKey(o: Outcome): string {
  return o.kind === 'response' ? String(o.status) : o.failure;
}
