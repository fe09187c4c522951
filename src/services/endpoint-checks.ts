import type { Logger, Sender, SenderOptions } from '../contracts/index.js';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../core/hash.js';
import { TOKEN_QUERY_PARAM } from '../core/assumptions.js';
import {
  BURST_CHECK_IDS,
  SUITE_CHECK_IDS,
  describeOutcome,
  gradeAccepted,
  gradeRejected,
  tamperOneByte,
  wrongAuthValue,
  type CheckId,
  type CheckResult,
  type CheckStatus,
  type Outcome,
} from '../core/endpoint/checks.js';
import { withParticipationId } from '../core/endpoint/payload-id.js';
import { summarizeLatencies } from '../core/endpoint/stats.js';
import type {
  EndpointPayload,
  EndpointProgress,
  EndpointReport,
  EndpointTarget,
  EndpointVerdict,
} from '../core/endpoint/report.js';
import { MASK, maskUrl } from '../core/redact.js';
import { generateSample, type SampleState } from '../core/sample/generate.js';
import { signBody } from '../core/signing.js';
import {
  bodyTemplate,
  burstId,
  fillTemplate,
  type BodyTemplate,
} from '../core/endpoint/body-template.js';
import { MESSAGES } from '../messages/index.js';
/** The world as the service sees it: injected, so tests and `qwh migrate` reuse it. */
export interface EndpointDeps {
  /** A ready sender (not closed by the service), or a factory (the service closes what it makes). */
  sender?: Sender;
  createSender?: (o: SenderOptions) => Sender;
  clock: { now(): number };
  logger: Logger;
  progress?: (p: EndpointProgress) => void;
  signal?: AbortSignal;
  /** qwh version, for `User-Agent: qwh/<version>`. */
  version?: string;
}

/** Headers every test delivery carries, so no receiver mistakes it for a real participation. */
export const TEST_HEADER = 'x-qwh-test';

const SNIPPET_CHARS = 160;
// eslint-disable-next-line no-control-regex -- a receiver's bytes never drive the terminal
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]+/g;
const M = MESSAGES.endpoint;

interface Delivery {
  check: CheckId;
  outcome: Outcome;
}

function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: Array<() => void> = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((r) => queue.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

function sampleBytes(version: 1 | 2, seed: number, state: SampleState): Buffer {
  const pair = generateSample(seed >>> 0, state);
  return Buffer.from(JSON.stringify(version === 2 ? pair.v2 : pair.v1), 'utf8');
}

/** Validates `--checks` against the known ids; returns the unknown ones. */
export function unknownChecks(checks: readonly string[]): string[] {
  const known = new Set<string>([...SUITE_CHECK_IDS, ...BURST_CHECK_IDS]);
  return checks.filter((c) => !known.has(c));
}

/**
 * Runs the check suite (or a burst of `count` valid deliveries) against a receiver, signing the
 * exact bytes of every delivery, and grades each check PASS/FAIL/WARN/SKIP. Throws only for a
 * refused address (UserError, exit 4) or an interruption; an unreachable endpoint is a verdict.
 */
export async function runEndpointChecks(
  target: EndpointTarget,
  deps: EndpointDeps,
): Promise<EndpointReport> {
  const seed = (target.seed ?? Math.floor(deps.clock.now()) % 2 ** 31) >>> 0;
  const concurrency = Math.max(1, target.concurrency ?? (target.count ? 8 : 4));
  const sender =
    deps.sender ??
    deps.createSender?.({
      timeoutMs: target.timeoutMs,
      connections: concurrency,
      ...(target.ca ? { ca: target.ca } : {}),
    });
  if (!sender) throw new Error('runEndpointChecks: deps.sender or deps.createSender is required');
  try {
    return target.count && target.count > 0
      ? await runBurst(target, deps, sender, seed, concurrency)
      : await runSuite(target, deps, sender, seed, concurrency);
  } finally {
    if (!deps.sender) await sender.close();
  }
}

/** Shared sending machinery of both modes. */
function makeSending(target: EndpointTarget, deps: EndpointDeps, sender: Sender) {
  const baseHeaders = (contentType: string): Record<string, string> => ({
    'content-type': contentType,
    'user-agent': `qwh/${deps.version ?? 'dev'}`,
    [TEST_HEADER]: '1',
  });
  const secrets = [target.secret, target.authHeader?.value].filter(
    (s): s is string => typeof s === 'string' && s.length > 0,
  );
  const scrub = (text: string): string => {
    let t = text;
    for (const s of secrets) t = t.split(s).join(MASK);
    return t;
  };
  const showUrl = (u: string): string => maskUrl(u, (k) => TOKEN_QUERY_PARAM.test(k));
  /** A relative Location made absolute, so its query tokens can be masked like any URL. */
  const absolute = (loc: string): string => {
    try {
      return new URL(loc, target.url).toString();
    } catch {
      return loc;
    }
  };
  const snippet = (body: Buffer): string | undefined => {
    const t = body.subarray(0, 512).toString('utf8').replace(CONTROL_CHARS, ' ').trim();
    if (!t) return undefined;
    return scrub(t.length > SNIPPET_CHARS ? `${t.slice(0, SNIPPET_CHARS)}…` : t);
  };
  const send = async (body: Buffer, headers: Record<string, string>): Promise<Outcome> => {
    const t0 = deps.clock.now();
    const r = await sender.send({
      url: target.url,
      headers,
      body,
      ...(deps.signal ? { signal: deps.signal } : {}),
    });
    const ms = Math.round((deps.clock.now() - t0) * 10) / 10;
    if (!r.ok) return { kind: 'failure', failure: r.failure, code: r.code, message: r.message, ms };
    const snip = r.status >= 300 ? snippet(r.body) : undefined;
    return {
      kind: 'response',
      status: r.status,
      ms,
      ...(r.location ? { location: scrub(showUrl(absolute(r.location))) } : {}),
      ...(snip ? { snippet: snip } : {}),
    };
  };
  return { baseHeaders, send, showUrl };
}

function finish(
  target: EndpointTarget,
  mode: 'suite' | 'burst',
  seed: number,
  concurrency: number,
  checks: CheckResult[],
  notes: string[],
  latencies: ArrayLike<number>,
  statuses: Map<string, number>,
  deliveries: number,
  responses: number,
  durationMs: number,
  showUrl: (u: string) => string,
): EndpointReport {
  const counts: Record<CheckStatus, number> = { pass: 0, fail: 0, warn: 0, skip: 0 };
  for (const c of checks) counts[c.status]++;
  const verdict: EndpointVerdict =
    deliveries > 0 && responses === 0 ? 'unreachable' : counts.fail > 0 ? 'fail' : 'pass';
  return {
    url: showUrl(target.url),
    version: target.version,
    mode,
    seed,
    verdict,
    checks,
    counts,
    notes,
    stats: {
      deliveries,
      responses,
      noResponse: deliveries - responses,
      durationMs: Math.round(durationMs),
      throughputPerSec:
        durationMs > 0 ? Math.round((deliveries / (durationMs / 1000)) * 10) / 10 : 0,
      concurrency,
      latencyMs: summarizeLatencies(latencies),
      statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}

function statusKey(o: Outcome): string {
  return o.kind === 'response' ? String(o.status) : o.failure;
}

function judgeRedirects(
  all: readonly Delivery[],
): Pick<CheckResult, 'status' | 'reason' | 'details'> {
  const responses = all.filter((d) => d.outcome.kind === 'response');
  if (responses.length === 0) return { status: 'skip', reason: M.skipNoResponses, details: {} };
  const redirects = responses.filter(
    (d) => d.outcome.kind === 'response' && d.outcome.status >= 300 && d.outcome.status < 400,
  );
  if (redirects.length === 0)
    return { status: 'pass', reason: M.noRedirectPass(responses.length), details: {} };
  const first = redirects[0]!;
  return {
    status: 'fail',
    reason: M.noRedirectFail(redirects.length, describeOutcome(first.outcome), first.check),
    details: { redirects: redirects.length },
  };
}

function judgeLatency(
  latencies: ArrayLike<number>,
  warnMs: number,
): Pick<CheckResult, 'status' | 'reason' | 'details'> {
  const s = summarizeLatencies(latencies);
  if (!s) return { status: 'skip', reason: M.skipNoResponses, details: {} };
  return s.p95 > warnMs
    ? { status: 'warn', reason: M.latencyWarn(s.p95, warnMs), details: { ...s } }
    : { status: 'pass', reason: M.latencyPass(s.p95, warnMs), details: { ...s } };
}

async function runSuite(
  target: EndpointTarget,
  deps: EndpointDeps,
  sender: Sender,
  seed: number,
  concurrency: number,
): Promise<EndpointReport> {
  const { baseHeaders, send, showUrl } = makeSending(target, deps, sender);
  const selected = new Set<string>(target.checks ?? SUITE_CHECK_IDS);
  const results = new Map<CheckId, CheckResult>();
  const notes = new Set<string>();
  const all: Delivery[] = [];
  const statuses = new Map<string, number>();
  const limit = limiter(concurrency);
  const version = target.version;
  const secret = target.secret;
  const auth = target.authHeader;
  const sampleMode = target.sample ?? 'all';
  const payloads = target.payloads;

  const set = (
    id: CheckId,
    r: Pick<CheckResult, 'status' | 'reason'> & { details?: Record<string, unknown> },
  ): void => {
    results.set(id, {
      id,
      title: M.titles[id] ?? id,
      status: r.status,
      reason: r.reason,
      details: r.details ?? {},
    });
    if (r.status === 'skip' && r.reason !== M.skipNotSelected) notes.add(r.reason);
  };

  // Bodies. Generated ones: one seed per check, so every check has its own participation id.
  const jsonType = 'application/json';
  const fresh = (k: number, state: SampleState = 'complete'): EndpointPayload => {
    const s = state === 'incomplete' && version === 1 ? 'complete' : state;
    return {
      bytes: sampleBytes(version, seed + k, s),
      contentType: jsonType,
      source: `sample seed ${seed + k}`,
      state: s,
    };
  };
  const testId = (k: number): string => generateSample((seed + k) >>> 0).v2.id;
  /** A user payload re-id'd (so forged deliveries never share an id with a valid one). */
  const derived = (k: number): EndpointPayload => {
    const base = payloads?.find((p) => p.state === 'complete') ?? payloads?.[0];
    if (!base) return fresh(k);
    const bytes = withParticipationId(base.bytes, version, testId(k)) ?? base.bytes;
    return { ...base, bytes, source: `${base.source} (new id)` };
  };
  const body = payloads ? derived : fresh;

  const headers = (
    p: EndpointPayload,
    o: { sign?: 'ok' | 'other' | 'none'; signBytes?: Buffer; auth?: 'ok' | 'wrong' | 'none' } = {},
  ): Record<string, string> => {
    const h = baseHeaders(p.contentType);
    const authMode = o.auth ?? 'ok';
    if (auth && authMode !== 'none')
      h[auth.name.toLowerCase()] =
        authMode === 'ok'
          ? auth.value
          : wrongAuthValue(auth.value, `qwh-wrong-${randomBytes(12).toString('hex')}`);
    const signMode = o.sign ?? 'ok';
    if (secret && signMode !== 'none') {
      const key =
        signMode === 'ok' ? secret : `qwh-other-secret-${randomBytes(16).toString('hex')}`;
      h['x-qualifio-signature'] = signBody(key, o.signBytes ?? p.bytes);
    }
    return h;
  };

  // Plan every delivery first, so progress knows the total.
  type Job = { id: CheckId; run: () => Promise<void>; sends: number };
  const jobs: Job[] = [];
  let done = 0;
  let total = 0;
  const deliver = async (
    id: CheckId,
    bytes: Buffer,
    h: Record<string, string>,
  ): Promise<Outcome> => {
    const outcome = await limit(() => send(bytes, h));
    all.push({ check: id, outcome });
    statuses.set(statusKey(outcome), (statuses.get(statusKey(outcome)) ?? 0) + 1);
    done++;
    deps.progress?.({ done, total });
    return outcome;
  };

  const explainSignature = (
    p: EndpointPayload,
    o: Outcome | undefined,
  ): Record<string, unknown> => {
    if (!secret || !o || o.kind !== 'response' || (o.status !== 401 && o.status !== 403)) return {};
    const sig = signBody(secret, p.bytes);
    const sha = sha256Hex(p.bytes);
    const shown = `${sig.slice(0, 'sha256='.length + 12)}…`;
    return {
      signature: {
        bytes: p.bytes.length,
        sha256: sha,
        header: `X-Qualifio-Signature: ${shown}`,
        explain: [M.signatureExplain.sent(p.bytes.length, sha), M.signatureExplain.header(shown)],
        causes: M.signatureExplain.causes,
      },
    };
  };

  const acceptJob = (id: CheckId, list: EndpointPayload[], what: string): Job => ({
    id,
    sends: list.length,
    run: async () => {
      const outcomes = await Promise.all(list.map((p) => deliver(id, p.bytes, headers(p))));
      const g = gradeAccepted(outcomes, what);
      const badIdx = g.firstBad ? outcomes.indexOf(g.firstBad) : -1;
      const badPayload = badIdx >= 0 ? list[badIdx] : undefined;
      set(id, {
        status: g.status,
        reason: g.reason,
        details: {
          deliveries: list.length,
          statuses: outcomes.map(statusKey),
          ...(badPayload && payloads ? { source: badPayload.source } : {}),
          ...(badPayload ? explainSignature(badPayload, g.firstBad) : {}),
        },
      });
    },
  });

  const rejectJob = (
    id: CheckId,
    make: () => { bytes: Buffer; headers: Record<string, string> },
    accepted: (status: number) => string,
  ): Job => ({
    id,
    sends: 1,
    run: async () => {
      const d = make();
      const o = await deliver(id, d.bytes, d.headers);
      const g = gradeRejected(o, accepted);
      set(id, { ...g, details: { status: statusKey(o) } });
    },
  });

  const skip = (id: CheckId, reason: string): void => set(id, { status: 'skip', reason });

  type Forged = { bytes: Buffer; headers: Record<string, string> };
  // Each forged delivery: what it needs configured, its own participation (slot), what it gets
  // wrong, and what accepting it would mean.
  const forged: Record<
    | 'rejects-tampered-body'
    | 'rejects-wrong-secret'
    | 'rejects-missing-signature'
    | 'rejects-missing-auth'
    | 'rejects-wrong-auth',
    {
      needs: 'secret' | 'auth';
      slot: number;
      forge: (p: EndpointPayload) => Forged;
      accepted: (status: number) => string;
    }
  > = {
    'rejects-tampered-body': {
      needs: 'secret',
      slot: 2,
      forge: (p) => ({
        bytes: tamperOneByte(p.bytes),
        headers: headers(p, { signBytes: p.bytes }),
      }),
      accepted: M.acceptedTampered,
    },
    'rejects-wrong-secret': {
      needs: 'secret',
      slot: 3,
      forge: (p) => ({ bytes: p.bytes, headers: headers(p, { sign: 'other' }) }),
      accepted: M.acceptedWrongSecret,
    },
    'rejects-missing-signature': {
      needs: 'secret',
      slot: 4,
      forge: (p) => ({ bytes: p.bytes, headers: headers(p, { sign: 'none' }) }),
      accepted: M.acceptedMissingSignature,
    },
    'rejects-missing-auth': {
      needs: 'auth',
      slot: 5,
      forge: (p) => ({ bytes: p.bytes, headers: headers(p, { auth: 'none' }) }),
      accepted: (st) => M.acceptedMissingAuth(auth?.name ?? '', st),
    },
    'rejects-wrong-auth': {
      needs: 'auth',
      slot: 6,
      forge: (p) => ({ bytes: p.bytes, headers: headers(p, { auth: 'wrong' }) }),
      accepted: (st) => M.acceptedWrongAuth(auth?.name ?? '', st),
    },
  };

  for (const id of SUITE_CHECK_IDS) {
    if (!selected.has(id)) {
      skip(id, M.skipNotSelected);
      continue;
    }
    switch (id) {
      case 'accepts-complete': {
        if (payloads) {
          const list = payloads.filter((p) => p.state === 'complete');
          if (list.length === 0) skip(id, M.skipNoCompletePayload);
          else jobs.push(acceptJob(id, list, M.complete));
        } else if (sampleMode === 'incomplete') skip(id, M.skipSampleIncomplete);
        else jobs.push(acceptJob(id, [fresh(0)], M.complete));
        break;
      }
      case 'accepts-incomplete': {
        if (version === 1) skip(id, M.skipV1Incomplete);
        else if (payloads) {
          const list = payloads.filter((p) => p.state === 'incomplete');
          if (list.length === 0) skip(id, M.skipNoIncompletePayload);
          else jobs.push(acceptJob(id, list, M.incomplete));
        } else if (sampleMode === 'complete') skip(id, M.skipSampleComplete);
        else jobs.push(acceptJob(id, [fresh(1, 'incomplete')], M.incomplete));
        break;
      }
      case 'rejects-tampered-body':
      case 'rejects-wrong-secret':
      case 'rejects-missing-signature':
      case 'rejects-missing-auth':
      case 'rejects-wrong-auth': {
        const f = forged[id];
        if (f.needs === 'secret' && !secret) skip(id, M.skipNoSecret);
        else if (f.needs === 'auth' && !auth) skip(id, M.skipNoAuth);
        else jobs.push(rejectJob(id, () => f.forge(body(f.slot)), f.accepted));
        break;
      }
      case 'duplicate-delivery':
        jobs.push({
          id,
          sends: 2,
          run: async () => {
            const p = body(7);
            const first = await deliver(id, p.bytes, headers(p));
            const g1 = gradeAccepted([first], M.delivery);
            if (g1.status !== 'pass') {
              done++; // the repeat is not sent
              set(id, {
                status: 'fail',
                reason: M.duplicateFirstFailed(describeOutcome(first)),
                details: { statuses: [statusKey(first)], ...explainSignature(p, first) },
              });
              return;
            }
            const second = await deliver(id, p.bytes, headers(p));
            const g2 = gradeAccepted([second], M.delivery);
            set(
              id,
              g2.status === 'pass'
                ? {
                    status: 'pass',
                    reason: M.duplicatePass(
                      (first as { status: number }).status,
                      (second as { status: number }).status,
                    ),
                    details: { statuses: [statusKey(first), statusKey(second)] },
                  }
                : {
                    status: 'fail',
                    reason: M.duplicateSecondFailed(describeOutcome(second)),
                    details: { statuses: [statusKey(first), statusKey(second)] },
                  },
            );
          },
        });
        break;
      case 'no-redirect':
      case 'latency':
        break; // judged over every delivery, below
    }
  }
  total = jobs.reduce((n, j) => n + j.sends, 0);
  deps.progress?.({ done: 0, total });
  const t0 = deps.clock.now();
  await Promise.all(jobs.map((j) => j.run()));
  const durationMs = deps.clock.now() - t0;

  const latencies = all.filter((d) => d.outcome.kind === 'response').map((d) => d.outcome.ms);
  if (selected.has('no-redirect')) set('no-redirect', judgeRedirects(all));
  if (selected.has('latency')) set('latency', judgeLatency(latencies, target.warnMs));
  const checks = SUITE_CHECK_IDS.map((id) => results.get(id)!).filter(Boolean);
  return finish(
    target,
    'suite',
    seed,
    concurrency,
    checks,
    [...notes],
    latencies,
    statuses,
    all.length,
    latencies.length,
    durationMs,
    showUrl,
  );
}

/** Distinct participations a burst cycles through (ids differ on every delivery). */
const BURST_TEMPLATES = 64;

async function runBurst(
  target: EndpointTarget,
  deps: EndpointDeps,
  sender: Sender,
  seed: number,
  concurrency: number,
): Promise<EndpointReport> {
  const { baseHeaders, send, showUrl } = makeSending(target, deps, sender);
  const n = target.count ?? 0;
  const version = target.version;
  const state: SampleState =
    target.sample === 'incomplete' && version === 2 ? 'incomplete' : 'complete';
  const payloads = target.payloads;
  const latencies = new Float64Array(n);
  let nLat = 0;
  const statuses = new Map<string, number>();
  const redirects: Delivery[] = [];
  let next = 0;
  let done = 0;
  const progressEvery = Math.max(1, Math.floor(n / 200));

  // Bodies are made once (up to BURST_TEMPLATES distinct participations, or each captured
  // payload) and only the participation id is rewritten per delivery: every delivery still has
  // its own id and its own signature over the exact bytes sent, and memory stays flat in N.
  const templates: Array<{ template?: BodyTemplate; bytes: Buffer; contentType: string }> = [];
  if (payloads && payloads.length > 0) {
    for (let k = 0; k < payloads.length; k++) {
      const p = payloads[k]!;
      const placeholder = burstId(seed, k);
      const bytes = withParticipationId(p.bytes, version, placeholder);
      const template = bytes ? bodyTemplate(bytes, placeholder) : undefined;
      templates.push({
        ...(template ? { template } : {}),
        bytes: bytes ?? p.bytes,
        contentType: p.contentType,
      });
    }
  } else {
    for (let k = 0; k < Math.min(n, BURST_TEMPLATES); k++) {
      const pair = generateSample((seed + k) >>> 0, state);
      const bytes = Buffer.from(JSON.stringify(version === 2 ? pair.v2 : pair.v1), 'utf8');
      const template = bodyTemplate(bytes, pair.v2.id);
      templates.push({ ...(template ? { template } : {}), bytes, contentType: 'application/json' });
    }
  }

  /** Body i: its own participation id, signed as it is sent (no N bodies in memory). */
  const build = (i: number): { bytes: Buffer; headers: Record<string, string> } => {
    const tpl = templates[i % templates.length]!;
    const bytes = tpl.template ? fillTemplate(tpl.template, burstId(seed, i)) : tpl.bytes;
    const h = baseHeaders(tpl.contentType);
    if (target.authHeader) h[target.authHeader.name.toLowerCase()] = target.authHeader.value;
    if (target.secret) h['x-qualifio-signature'] = signBody(target.secret, bytes);
    return { bytes, headers: h };
  };

  deps.progress?.({ done: 0, total: n });
  const t0 = deps.clock.now();
  const worker = async (): Promise<void> => {
    for (;;) {
      if (deps.signal?.aborted) return;
      const i = next++;
      if (i >= n) return;
      const d = build(i);
      const o = await send(d.bytes, d.headers);
      const key = statusKey(o);
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      if (o.kind === 'response') {
        latencies[nLat++] = o.ms;
        if (o.status >= 300 && o.status < 400) redirects.push({ check: 'burst', outcome: o });
      }
      done++;
      if (done % progressEvery === 0 || done === n) deps.progress?.({ done, total: n });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  if (deps.signal?.aborted) throw deps.signal.reason ?? new Error('aborted');
  const durationMs = deps.clock.now() - t0;
  const lat = latencies.subarray(0, nLat);

  const selected = new Set<string>(target.checks ?? BURST_CHECK_IDS);
  const checks: CheckResult[] = [];
  const add = (id: CheckId, r: Pick<CheckResult, 'status' | 'reason' | 'details'>): void => {
    checks.push({ id, title: M.titles[id] ?? id, ...r });
  };
  const ok = [...statuses].filter(([k]) => /^2\d\d$/.test(k)).reduce((a, [, v]) => a + v, 0);
  const histogram = [...statuses]
    .filter(([k]) => !/^2\d\d$/.test(k))
    .map(([k, v]) => `${k} ×${v}`)
    .join(', ');
  if (selected.has('burst'))
    add(
      'burst',
      ok === n
        ? { status: 'pass', reason: M.burstPass(n), details: {} }
        : { status: 'fail', reason: M.burstFail(n - ok, n, histogram), details: {} },
    );
  if (selected.has('no-redirect')) {
    const responses = nLat;
    if (responses === 0)
      add('no-redirect', { status: 'skip', reason: M.skipNoResponses, details: {} });
    else if (redirects.length === 0)
      add('no-redirect', { status: 'pass', reason: M.noRedirectPass(responses), details: {} });
    else
      add('no-redirect', {
        status: 'fail',
        reason: M.noRedirectFail(redirects.length, describeOutcome(redirects[0]!.outcome), 'burst'),
        details: { redirects: redirects.length },
      });
  }
  if (selected.has('latency')) add('latency', judgeLatency(lat, target.warnMs));
  return finish(
    target,
    'burst',
    seed,
    concurrency,
    checks,
    [],
    lat,
    statuses,
    done,
    nLat,
    durationMs,
    showUrl,
  );
}
