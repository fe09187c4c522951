/**
 * What the check suite sends, decided before anything is sent: which checks run, which are
 * skipped and why, and the exact bytes and headers of every delivery. Pure: the seed and the
 * injected random source are the only inputs besides the target, so a plan can be inspected
 * (and tested) without a receiver.
 */
import type { Random } from '../../contracts/index.js';
import { SIGNATURE_HEADER } from '../assumptions.js';
import { generateSample, type SampleState } from '../sample/generate.js';
import { signBody } from '../signing.js';
import { MESSAGES } from '../../messages/index.js';
import { SUITE_CHECK_IDS, tamperOneByte, wrongAuthValue, type CheckId } from './checks.js';
import { withParticipationId } from './payload-id.js';
import type { EndpointPayload, EndpointTarget } from './report.js';

/** Header every test delivery carries, so no receiver mistakes it for a real participation. */
export const TEST_HEADER = 'x-qwh-test';

const M = MESSAGES.endpoint;
const JSON_TYPE = 'application/json';

/** One request to send: the exact bytes and every header (the signature covers these bytes). */
export interface Delivery {
  bytes: Buffer;
  headers: Record<string, string>;
  /**
   * The body is formatted so that `JSON.stringify(JSON.parse(body))` gives other bytes (see
   * publishedStyleBytes): a receiver that signs a re-serialised body refuses only these.
   */
  reformatted?: boolean;
}

/** The forged checks: each gets one delivery a correct receiver must refuse with a 4xx. */
export type ForgedCheckId =
  | 'rejects-tampered-body'
  | 'rejects-wrong-secret'
  | 'rejects-missing-signature'
  | 'rejects-missing-auth'
  | 'rejects-wrong-auth';

/** A check that sends something, and what. */
export type PlannedCheck =
  | {
      /** Every payload must be accepted (2xx); one delivery per payload, in order. */
      kind: 'accept';
      id: 'accepts-complete' | 'accepts-incomplete' | 'accepts-both-secrets';
      what: string;
      payloads: EndpointPayload[];
      deliveries: Delivery[];
    }
  | { kind: 'reject'; id: ForgedCheckId; delivery: Delivery }
  | {
      /** The same valid delivery twice; the repeat is sent only when the first is accepted. */
      kind: 'duplicate';
      id: 'duplicate-delivery';
      payload: EndpointPayload;
      delivery: Delivery;
    };

/** The whole suite: planned checks, skips (with reasons) and the judged-over-all checks. */
export interface SuitePlan {
  checks: PlannedCheck[];
  /** Checks not run; `warn` when leaving them out leaves the receiver unguarded (no secret, no auth). */
  skipped: Array<{ id: CheckId; reason: string; warn?: true }>;
  /** no-redirect and latency, when selected: graded over every delivery once all are sent. */
  overall: Array<'no-redirect' | 'latency'>;
  /** Deliveries the plan can send (the duplicate's repeat included). */
  total: number;
  /** True when the bodies are the user's own (`--payload`), so grading names their source. */
  userPayloads: boolean;
}

/** What a plan is made from besides the target. */
export interface PlanInputs {
  seed: number;
  random: Random;
  /** qwh version, for `User-Agent: qwh/<version>`. */
  version?: string;
}

/** Headers every delivery starts from. */
export function baseHeaders(contentType: string, version = 'dev'): Record<string, string> {
  return { 'content-type': contentType, 'user-agent': `qwh/${version}`, [TEST_HEADER]: '1' };
}

/** Generated sample `seed` as the bytes `version` sends. */
export function sampleBytes(version: 1 | 2, seed: number, state: SampleState): Buffer {
  const pair = generateSample(seed >>> 0, state);
  return Buffer.from(JSON.stringify(version === 2 ? pair.v2 : pair.v1), 'utf8');
}

/**
 * A JSON value as bytes that do not survive `JSON.parse` → `JSON.stringify`: indented with 4
 * spaces like Qualifio's published example, `/` escaped as `\/`, non-ASCII as `\u00e9`, and a
 * trailing newline. Every `/` and non-ASCII character of JSON text is inside a string, so the
 * escapes keep the value identical.
 */
export function publishedStyleBytes(value: unknown): Buffer {
  const text = JSON.stringify(value, null, 4)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return Buffer.from(`${text}\n`, 'utf8');
}

/** Generated 2.0 sample `seed` in the published example's formatting (publishedStyleBytes). */
export function reformattedSampleBytes(seed: number, state: SampleState): Buffer {
  return publishedStyleBytes(generateSample(seed >>> 0, state).v2);
}

type Sign = 'ok' | 'previous' | 'other' | 'none';
type Auth = 'ok' | 'wrong' | 'none';

/** The bodies and headers of one plan (closed over target, seed and random). */
function makers(target: EndpointTarget, inputs: PlanInputs) {
  const { seed, random } = inputs;
  const { version, secret, authHeader: auth, payloads } = target;
  // Generated bodies: one seed per check, so every check has its own participation id.
  const fresh = (
    k: number,
    state: SampleState = 'complete',
    reformat = false,
  ): EndpointPayload & { reformatted?: true } => {
    const s = state === 'incomplete' && version === 1 ? 'complete' : state;
    // 2.0 only: the probe is about signatures, which 1.0 never had.
    if (reformat && version === 2) {
      const bytes = reformattedSampleBytes(seed + k, s);
      return {
        ...{ bytes, contentType: JSON_TYPE, source: `sample seed ${seed + k} (indented)` },
        ...{ state: s, reformatted: true },
      };
    }
    const bytes = sampleBytes(version, seed + k, s);
    return { bytes, contentType: JSON_TYPE, source: `sample seed ${seed + k}`, state: s };
  };
  /** A user payload re-id'd (so forged deliveries never share an id with a valid one). */
  const derived = (k: number): EndpointPayload => {
    const base = payloads?.find((p) => p.state === 'complete') ?? payloads?.[0];
    if (!base) return fresh(k);
    const id = generateSample((seed + k) >>> 0).v2.id;
    const bytes = withParticipationId(base.bytes, version, id) ?? base.bytes;
    return { ...base, bytes, source: `${base.source} (new id)` };
  };
  const headers = (
    p: EndpointPayload,
    o: { sign?: Sign; signBytes?: Buffer; auth?: Auth } = {},
  ): Record<string, string> => {
    const h = baseHeaders(p.contentType, inputs.version);
    const authMode = o.auth ?? 'ok';
    if (auth && authMode !== 'none')
      h[auth.name.toLowerCase()] =
        authMode === 'ok' ? auth.value : wrongAuthValue(auth.value, `qwh-wrong-${random.hex(12)}`);
    const signMode = o.sign ?? 'ok';
    if (secret && signMode !== 'none') {
      const key =
        signMode === 'ok'
          ? secret
          : signMode === 'previous' && target.previousSecret !== undefined
            ? target.previousSecret
            : `qwh-other-secret-${random.hex(16)}`;
      h[SIGNATURE_HEADER] = signBody(key, o.signBytes ?? p.bytes);
    }
    return h;
  };
  const valid = (p: EndpointPayload & { reformatted?: true }): Delivery => ({
    bytes: p.bytes,
    headers: headers(p),
    ...(p.reformatted ? { reformatted: true } : {}),
  });
  return { fresh, body: payloads ? derived : fresh, headers, valid };
}

type Makers = ReturnType<typeof makers>;

/** Each forged delivery: what it needs configured, its own participation (slot), what it gets wrong. */
const FORGED: Record<
  ForgedCheckId,
  { needs: 'secret' | 'auth'; slot: number; forge: (m: Makers, p: EndpointPayload) => Delivery }
> = {
  'rejects-tampered-body': {
    needs: 'secret',
    slot: 2,
    forge: (m, p) => ({
      bytes: tamperOneByte(p.bytes),
      headers: m.headers(p, { signBytes: p.bytes }),
    }),
  },
  'rejects-wrong-secret': {
    needs: 'secret',
    slot: 3,
    forge: (m, p) => ({ bytes: p.bytes, headers: m.headers(p, { sign: 'other' }) }),
  },
  'rejects-missing-signature': {
    needs: 'secret',
    slot: 4,
    forge: (m, p) => ({ bytes: p.bytes, headers: m.headers(p, { sign: 'none' }) }),
  },
  'rejects-missing-auth': {
    needs: 'auth',
    slot: 5,
    forge: (m, p) => ({ bytes: p.bytes, headers: m.headers(p, { auth: 'none' }) }),
  },
  'rejects-wrong-auth': {
    needs: 'auth',
    slot: 6,
    forge: (m, p) => ({ bytes: p.bytes, headers: m.headers(p, { auth: 'wrong' }) }),
  },
};

type Step = PlannedCheck | { skip: string } | 'overall';

/** An accepts-* check over the given payloads, or a skip when there are none. */
function accept(
  id: 'accepts-complete' | 'accepts-incomplete',
  what: string,
  list: EndpointPayload[],
  m: Makers,
  none: string,
): Step {
  if (list.length === 0) return { skip: none };
  return { kind: 'accept', id, what, payloads: list, deliveries: list.map(m.valid) };
}

/** What one check of the suite does under this target. */
function step(id: CheckId, target: EndpointTarget, m: Makers): Step {
  const { payloads, version } = target;
  const sample = target.sample ?? 'all';
  switch (id) {
    case 'accepts-complete':
      if (payloads)
        return accept(
          id,
          M.complete,
          payloads.filter((p) => p.state === 'complete'),
          m,
          M.skipNoCompletePayload,
        );
      if (sample === 'incomplete') return { skip: M.skipSampleIncomplete };
      return accept(id, M.complete, [m.fresh(0)], m, M.skipNoCompletePayload);
    case 'accepts-incomplete':
      if (version === 1) return { skip: M.skipV1Incomplete };
      if (payloads)
        return accept(
          id,
          M.incomplete,
          payloads.filter((p) => p.state === 'incomplete'),
          m,
          M.skipNoIncompletePayload,
        );
      if (sample === 'complete') return { skip: M.skipSampleComplete };
      // Indented like the published example while the complete one is compact: a receiver
      // that hashes a re-serialised body accepts the one and refuses the other.
      return accept(
        id,
        M.incomplete,
        [m.fresh(1, 'incomplete', sample === 'all')],
        m,
        M.skipNoIncompletePayload,
      );
    case 'accepts-both-secrets': {
      // A rotation: Qualifio may sign with either secret for 30 minutes; both must be accepted.
      if (!target.secret || target.previousSecret === undefined)
        return { skip: M.skipNoPreviousSecret };
      const now = m.body(8);
      const before = m.body(9);
      return {
        ...{ kind: 'accept', id, what: M.signedCurrentAndPrevious, payloads: [now, before] },
        deliveries: [
          m.valid(now),
          { bytes: before.bytes, headers: m.headers(before, { sign: 'previous' }) },
        ],
      };
    }
    case 'rejects-tampered-body':
    case 'rejects-wrong-secret':
    case 'rejects-missing-signature':
    case 'rejects-missing-auth':
    case 'rejects-wrong-auth': {
      const f = FORGED[id];
      if (f.needs === 'secret' && !target.secret) return { skip: M.skipNoSecret };
      if (f.needs === 'auth' && !target.authHeader) return { skip: M.skipNoAuth };
      return { kind: 'reject', id, delivery: f.forge(m, m.body(f.slot)) };
    }
    case 'duplicate-delivery': {
      // Generated: in the published example's formatting (see accepts-incomplete).
      const p = payloads ? m.body(7) : m.fresh(7, 'complete', true);
      return { kind: 'duplicate', id, payload: p, delivery: m.valid(p) };
    }
    default:
      return 'overall'; // no-redirect, latency (burst never reaches the suite)
  }
}

const sends = (c: PlannedCheck): number =>
  c.kind === 'accept' ? c.deliveries.length : c.kind === 'duplicate' ? 2 : 1;

/** Plans the check suite for `target`: every check in report order, run or skipped. */
export function planSuite(target: EndpointTarget, inputs: PlanInputs): SuitePlan {
  const m = makers(target, inputs);
  const selected = new Set<string>(target.checks ?? SUITE_CHECK_IDS);
  const plan: SuitePlan = {
    checks: [],
    skipped: [],
    overall: [],
    total: 0,
    userPayloads: target.payloads !== undefined,
  };
  // Neither a secret nor an auth header: nothing guards the receiver, which is no green light.
  const unguarded = !target.secret && !target.authHeader;
  for (const id of SUITE_CHECK_IDS) {
    const chosen = selected.has(id);
    const s = chosen ? step(id, target, m) : { skip: M.skipNotSelected };
    if (s === 'overall') plan.overall.push(id as 'no-redirect' | 'latency');
    else if ('skip' in s)
      plan.skipped.push({
        id,
        reason: s.skip,
        ...(chosen && unguarded && id in FORGED ? { warn: true as const } : {}),
      });
    else plan.checks.push(s);
  }
  plan.total = plan.checks.reduce((n, c) => n + sends(c), 0);
  return plan;
}
