import type { Scope } from '../account/schema.js';
import { SIGNATURE_HEADER, STATE_COMPLETED, V1_KEYS } from '../assumptions.js';
import { TEST_HEADER } from '../endpoint/suite-plan.js';
import { looksFormEncoded, parseFormEncoded } from '../payload/v1.js';
import { verifyRotation } from '../signing.js';
import type { ObserveEvidence } from './stages.js';

/**
 * The capture format (docs/migrate.md "Captures"): one JSON object a line (NDJSON) per delivery
 * as it arrived. `qwh listen --save` writes it; a receiver's own logs can be converted to it.
 * The signature header is kept (observe verifies it with the configured secret); the auth
 * header's value never is: only its name and whether it matched what the receiver expected.
 */
export interface CaptureRecord {
  qwhCapture: 1;
  /** Arrival time, ISO-8601 UTC. */
  at: string;
  method: string;
  /** The request path, without its query string (which may carry a token). */
  path: string;
  /** The webhook version the receiver listened as (absent: told from the body). */
  version?: 1 | 2;
  /** Request headers, names lower-case; credential headers left out. */
  headers: Record<string, string>;
  /** The auth header the receiver expected: its name and whether the request's matched. */
  auth?: { header: string; matched: boolean };
  /** The exact body bytes, base64. */
  body: string;
  /** The status the receiver answered. */
  status?: number;
}

/** Header names whose values a capture never holds (credentials). */
export const CAPTURE_DROPPED_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/** A capture record of one request (the auth header's value is dropped, whatever its name). */
export function captureRecordOf(r: {
  at: Date;
  method: string;
  path: string;
  version?: 1 | 2;
  headers: Record<string, string | string[] | undefined>;
  authHeader?: { name: string; matched: boolean };
  body: Uint8Array;
  status?: number;
}): CaptureRecord {
  const drop = new Set(CAPTURE_DROPPED_HEADERS);
  if (r.authHeader) drop.add(r.authHeader.name.toLowerCase());
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) {
    const name = k.toLowerCase();
    if (v === undefined || drop.has(name)) continue;
    headers[name] = Array.isArray(v) ? v.join(', ') : v;
  }
  return {
    qwhCapture: 1,
    at: r.at.toISOString(),
    method: r.method,
    // The query string is dropped: 1.0 URLs carry tokens there.
    path: r.path.split('?')[0] ?? '/',
    ...(r.version ? { version: r.version } : {}),
    headers,
    ...(r.authHeader ? { auth: { header: r.authHeader.name, matched: r.authHeader.matched } } : {}),
    body: Buffer.from(r.body).toString('base64'),
    ...(r.status !== undefined ? { status: r.status } : {}),
  };
}

const CAPTURE_START = Buffer.from('{"qwhCapture":1,');

/** The exact body bytes of a capture record (undefined when `bytes` is not one). */
export function captureBody(bytes: Uint8Array): Uint8Array | undefined {
  if (
    bytes.length < CAPTURE_START.length ||
    !CAPTURE_START.equals(bytes.subarray(0, CAPTURE_START.length))
  )
    return undefined;
  try {
    const r = JSON.parse(Buffer.from(bytes).toString('utf8')) as Partial<CaptureRecord>;
    return typeof r.body === 'string' ? Buffer.from(r.body, 'base64') : undefined;
  } catch {
    return undefined;
  }
}

/** A delivery read back from a capture line. */
export interface Delivery {
  where: string;
  at: number;
  version: 1 | 2;
  test: boolean;
  body: Uint8Array;
  signature?: string;
  fields: Record<string, unknown>;
}

/** Parses one capture line; a string says why it is not a capture. */
export function parseCapture(bytes: Uint8Array, where: string): Delivery | string {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return 'not JSON';
  }
  const r = v as Partial<CaptureRecord> | null;
  if (!r || typeof r !== 'object' || r.qwhCapture !== 1) return 'not a qwh capture record';
  const at = typeof r.at === 'string' ? Date.parse(r.at) : NaN;
  if (!Number.isFinite(at)) return '"at" is not a time';
  if (typeof r.body !== 'string' || !r.headers || typeof r.headers !== 'object')
    return '"body" or "headers" missing';
  const body = Buffer.from(r.body, 'base64');
  const text = body.toString('utf8');
  const headers = r.headers;
  let fields: Record<string, unknown> = {};
  const form = String(headers['content-type'] ?? '').includes('x-www-form-urlencoded');
  if (form || looksFormEncoded(text)) fields = parseFormEncoded(text.trim());
  else {
    try {
      const p: unknown = JSON.parse(text);
      if (p && typeof p === 'object' && !Array.isArray(p)) fields = p as Record<string, unknown>;
    } catch {
      return 'body is neither JSON nor a form';
    }
  }
  const version = r.version ?? (V1_KEYS.participationId in fields ? 1 : 2);
  const signature = headers[SIGNATURE_HEADER];
  return {
    where,
    at,
    version,
    test: headers[TEST_HEADER] === '1',
    body,
    ...(signature ? { signature } : {}),
    fields,
  };
}

/** A migrated webhook as observe judges it. */
export interface ObserveTarget {
  v1Key: string;
  v2Key: string;
  scope: Scope;
  /** The 2.0 webhook's configured secret (undefined: it signs nothing). */
  secret?: string;
  /** The secret before a rotation (`--previous-secret-env/-file`), accepted too. */
  previousSecret?: string;
  /** When the admin confirmed `configured` (ms): 1.0 deliveries before it are not judged. */
  since: number;
}

const str = (v: unknown): string =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : '';

function websiteOf(d: Delivery): number | undefined {
  if (d.version === 1) {
    const n = Number(str(d.fields[V1_KEYS.websiteId]));
    return Number.isInteger(n) && str(d.fields[V1_KEYS.websiteId]) !== '' ? n : undefined;
  }
  const c = d.fields.campaign as { channel?: { website?: { id?: unknown } } } | undefined;
  const id = c?.channel?.website?.id;
  return typeof id === 'number' ? id : undefined;
}

/**
 * The webhook a delivery belongs to: the one named (`--webhook`), else the website-level one of
 * its website, else the account-level one (one per scope and version, as Qualifio allows).
 */
export function attribute(
  d: Delivery,
  targets: readonly ObserveTarget[],
): ObserveTarget | undefined {
  if (targets.length === 1) return targets[0];
  const site = websiteOf(d);
  const bySite = targets.find((t) => t.scope !== 'account' && t.scope.website === site);
  return bySite ?? targets.find((t) => t.scope === 'account');
}

/** Counts of what observe read that judged nothing. */
export interface ObserveTally {
  read: number;
  tests: number;
  unattributed: number;
  beforeConfigured: number;
}

/**
 * Reconciles the real deliveries of one webhook: 2.0 ones verified with its configured secret,
 * paired with 1.0 ones by participation id (2.0 `id`, 1.0 `V1_KEYS.participationId`, compared
 * case-insensitively), from `since` on. Pure: the deliveries and the secret are given.
 */
export function reconcile(t: ObserveTarget, ds: readonly Delivery[], now: Date): ObserveEvidence {
  const v1 = new Map<string, Delivery>();
  const v2 = new Map<string, Delivery>();
  let bad = 0;
  let previous = 0;
  let last = 0;
  let lastV2 = 0;
  for (const d of ds) {
    const id = str(d.fields[d.version === 2 ? 'id' : V1_KEYS.participationId]).toUpperCase();
    if (!id) continue;
    last = Math.max(last, d.at);
    if (d.version === 1) {
      if (!v1.has(id)) v1.set(id, d);
      continue;
    }
    const check =
      t.secret === undefined
        ? undefined
        : verifyRotation(t.secret, t.previousSecret, d.body, d.signature);
    if (check && !check.ok) {
      bad++;
      continue;
    }
    if (check?.matched === 'previous' && !v2.has(id)) previous++;
    lastV2 = Math.max(lastV2, d.at);
    if (!v2.has(id)) v2.set(id, d);
  }
  const lost: ObserveEvidence['lost'] = [];
  const delays: number[] = [];
  for (const [id, d] of v1) {
    const twin = v2.get(id);
    if (twin) delays.push(twin.at - d.at);
    else
      lost.push({
        id,
        campaign: label(d.fields[V1_KEYS.campaignId], d.fields[V1_KEYS.campaignTitle]),
        website: label(d.fields[V1_KEYS.websiteId], d.fields[V1_KEYS.websiteName]),
        at: new Date(d.at).toISOString(),
      });
  }
  const v2Only: ObserveEvidence['v2Only'] = [];
  for (const [id, d] of v2)
    if (!v1.has(id))
      v2Only.push({
        id,
        why: str(d.fields.state) === STATE_COMPLETED ? 'not-in-1.0' : 'incomplete',
      });
  delays.sort((a, b) => a - b);
  return {
    at: now.toISOString(),
    verified: [...v2.values()].length,
    ...(previous > 0 ? { verifiedWithPrevious: previous } : {}),
    badSignature: bad,
    lost,
    v2Only,
    paired: delays.length,
    ...(delays.length > 0
      ? {
          delayMs: {
            median: delays[Math.floor(delays.length / 2)] ?? 0,
            max: delays[delays.length - 1] ?? 0,
          },
        }
      : {}),
    windowMinutes: last > t.since ? (last - t.since) / 60_000 : 0,
    ...(lastV2 > 0 ? { lastRealDelivery: new Date(lastV2).toISOString() } : {}),
  };
}

function label(id: unknown, name: unknown): string {
  const i = str(id);
  const n = str(name);
  return i && n ? `${i} (${n})` : i || n || '?';
}

/**
 * Splits the deliveries by webhook and reconciles each: qwh's test deliveries and deliveries
 * before the webhook's `configured` are left out (and counted).
 */
export function observeDeliveries(
  targets: readonly ObserveTarget[],
  ds: readonly Delivery[],
  now: Date,
): { evidence: Map<string, ObserveEvidence>; tally: ObserveTally } {
  const tally: ObserveTally = { read: ds.length, tests: 0, unattributed: 0, beforeConfigured: 0 };
  const by = new Map<string, Delivery[]>(targets.map((t) => [t.v1Key, []]));
  for (const d of ds) {
    if (d.test) {
      tally.tests++;
      continue;
    }
    const t = attribute(d, targets);
    if (!t) tally.unattributed++;
    else if (d.at < t.since) tally.beforeConfigured++;
    else by.get(t.v1Key)?.push(d);
  }
  const evidence = new Map<string, ObserveEvidence>();
  for (const t of targets) evidence.set(t.v1Key, reconcile(t, by.get(t.v1Key) ?? [], now));
  return { evidence, tally };
}
