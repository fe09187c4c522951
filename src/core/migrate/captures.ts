import type { AccountFile, Scope } from '../account/schema.js';
import {
  ANONYMOUS_HAS_NO_FORM,
  SIGNATURE_HEADER,
  STATE_COMPLETED,
  V1_KEYS,
} from '../assumptions.js';
import { TEST_HEADER } from '../endpoint/suite-plan.js';
import { sha256Hex } from '../hash.js';
import { looksFormEncoded, parseFormEncoded } from '../payload/v1.js';
import { routeParticipation, type ParticipationContext } from '../routing/route.js';
import { SIMULATE_HEADER } from '../simulate/deliveries.js';
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

// Apart, so the diff's reader loads it without the migration's modules.
export { captureBody } from './capture-body.js';

/** A delivery read back from a capture line. */
export interface Delivery {
  where: string;
  at: number;
  version: 1 | 2;
  test: boolean;
  /** Sent by `qwh simulate` (X-Qwh-Simulate): a stand-in for Qualifio, judged as real. */
  simulated: boolean;
  /** Identity of the delivery (arrival time, path, body): the same capture read twice is one. */
  identity: string;
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
  const path = typeof r.path === 'string' ? r.path : '';
  return {
    where,
    at,
    version,
    test: headers[TEST_HEADER] === '1',
    simulated: headers[SIMULATE_HEADER] !== undefined,
    identity: sha256Hex(Buffer.concat([Buffer.from(`${r.at}\n${path}\n`), body])).slice(0, 32),
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

function intOf(v: unknown): number | undefined {
  const n = Number(str(v));
  return str(v) !== '' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * The routing context of a delivered participation, from its body and the account file: its
 * website (2.0 may carry only the website's name: looked up in the file), its campaign (the
 * file's campaigns give its website and Master Form) and its campaign mode (ANONYMOUS_HAS_NO_FORM).
 */
export function contextOf(d: Delivery, account: AccountFile): ParticipationContext {
  let websiteId: number | undefined;
  let campaignId: number | undefined;
  let identified: boolean;
  if (d.version === 1) {
    websiteId = intOf(d.fields[V1_KEYS.websiteId]);
    campaignId = intOf(d.fields[V1_KEYS.campaignId]);
    const own = new Set<string>(Object.values(V1_KEYS));
    identified = Object.keys(d.fields).some((k) => !own.has(k));
  } else {
    const c = d.fields.campaign as
      { id?: unknown; channel?: { website?: { id?: unknown; name?: unknown } } } | undefined;
    const site = c?.channel?.website;
    websiteId =
      intOf(site?.id) ?? (account.websites ?? []).find((w) => w.name === str(site?.name))?.id;
    campaignId = intOf(c?.id);
    identified = Array.isArray(d.fields.form) && d.fields.form.length > 0;
  }
  const known = (account.campaigns ?? []).find((x) => x.id === campaignId);
  websiteId ??= known?.websiteId;
  return {
    ...(websiteId !== undefined ? { websiteId } : {}),
    ...(campaignId !== undefined ? { campaignId } : {}),
    ...(known?.masterFormId !== undefined ? { masterFormId: known.masterFormId } : {}),
    kind: identified || !ANONYMOUS_HAS_NO_FORM || known?.masterFormId ? 'identified' : 'anonymous',
  };
}

/** Scope fallback: the website-level webhook of the delivery's website, else the account one. */
export function attribute(
  d: Delivery,
  targets: readonly ObserveTarget[],
  account?: AccountFile,
): ObserveTarget | undefined {
  if (targets.length === 1) return targets[0];
  const site = account ? contextOf(d, account).websiteId : undefined;
  const bySite = targets.find((t) => t.scope !== 'account' && t.scope.website === site);
  return bySite ?? targets.find((t) => t.scope === 'account');
}

/**
 * The webhooks a delivery belongs to: where the file's push rules route its participation
 * (core/routing, the routing `qwh routes` and `qwh simulate` use) — a 1.0 delivery to the
 * targets whose 1.0 key the route names, a 2.0 one to those whose 2.0 key it names. When the
 * route names none (a file that disagrees with the back office), the scope decides (attribute).
 */
export function assign(
  d: Delivery,
  targets: readonly ObserveTarget[],
  account: AccountFile,
): ObserveTarget[] {
  const route = routeParticipation(account, contextOf(d, account));
  const keys = new Set(route.destinations.map((x) => x.key));
  const routed = targets.filter((t) => keys.has(d.version === 1 ? t.v1Key : t.v2Key));
  if (routed.length > 0) return routed;
  const t = attribute(d, targets, account);
  return t ? [t] : [];
}

/** Counts of what observe read that judged nothing. */
export interface ObserveTally {
  read: number;
  tests: number;
  unattributed: number;
  beforeConfigured: number;
  /** Deliveries an earlier observe already counted (same identity): counted once. */
  seenBefore: number;
  /** Deliveries `qwh simulate` made: judged as real (it stands in for Qualifio). */
  simulated: number;
}

/**
 * One delivery as observe remembers it (`.qwh/observed-<file>.json`), so evidence accumulates
 * over runs: its identity, participation id, time, labels and, per webhook it was assigned to,
 * whether its signature verified. Never a body, a header or a secret.
 */
export interface ObservedEntry {
  k: string;
  v: 1 | 2;
  id: string;
  at: number;
  campaign: string;
  website: string;
  state: string;
  sim?: true;
  /** The webhooks (1.0 keys) it was judged for (`--webhook` judges one): others judge it later. */
  j: string[];
  /** `prev`: verified with the previous secret (a rotation), not the configured one. */
  to: Array<{ key: string; ok: boolean; prev?: true }>;
}

/** The observe ledger: every delivery seen so far. */
export interface ObservedDoc {
  version: 1;
  entries: ObservedEntry[];
}

/**
 * Whether a 2.0 delivery verifies with the webhook's configured secret, or the previous one
 * during a rotation (1.0 is not signed), as the ledger keeps it.
 */
function judgedFor(t: ObserveTarget, d: Delivery): { key: string; ok: boolean; prev?: true } {
  if (d.version === 1 || t.secret === undefined) return { key: t.v1Key, ok: true };
  const r = verifyRotation(t.secret, t.previousSecret, d.body, d.signature);
  return {
    key: t.v1Key,
    ok: r.ok,
    ...(r.ok && r.matched === 'previous' ? { prev: true as const } : {}),
  };
}

function entryOf(
  d: Delivery,
  id: string,
  to: readonly ObserveTarget[],
  judged: readonly ObserveTarget[],
): ObservedEntry {
  const f = d.fields;
  const c = f.campaign as
    { id?: unknown; name?: unknown; channel?: { website?: unknown } } | undefined;
  const site = c?.channel?.website as { id?: unknown; name?: unknown } | undefined;
  return {
    k: d.identity,
    v: d.version,
    id,
    at: d.at,
    campaign:
      d.version === 1
        ? label(f[V1_KEYS.campaignId], f[V1_KEYS.campaignTitle])
        : label(c?.id, c?.name),
    website:
      d.version === 1
        ? label(f[V1_KEYS.websiteId], f[V1_KEYS.websiteName])
        : label(site?.id, site?.name),
    state: str(f.state),
    ...(d.simulated ? { sim: true as const } : {}),
    j: judged.map((t) => t.v1Key),
    to: to.map((t) => judgedFor(t, d)),
  };
}

/**
 * Reconciles the real deliveries of one webhook: 2.0 ones verified with its configured secret,
 * paired with 1.0 ones by participation id (2.0 `id`, 1.0 `V1_KEYS.participationId`, compared
 * case-insensitively), from `since` on. Pure: the remembered deliveries are given.
 */
export function reconcile(
  t: ObserveTarget,
  es: readonly ObservedEntry[],
  now: Date,
): ObserveEvidence {
  const v1 = new Map<string, ObservedEntry>();
  const v2 = new Map<string, ObservedEntry>();
  let bad = 0;
  let previous = 0;
  let last = 0;
  let lastV2 = 0;
  for (const e of es) {
    const mine = e.to.find((x) => x.key === t.v1Key);
    if (!mine || e.at < t.since) continue;
    last = Math.max(last, e.at);
    if (e.v === 1) {
      if (!v1.has(e.id)) v1.set(e.id, e);
    } else if (!mine.ok) bad++;
    else {
      lastV2 = Math.max(lastV2, e.at);
      if (mine.prev && !v2.has(e.id)) previous++;
      if (!v2.has(e.id)) v2.set(e.id, e);
    }
  }
  const lost: ObserveEvidence['lost'] = [];
  const delays: number[] = [];
  for (const [id, e] of v1) {
    const twin = v2.get(id);
    if (twin) delays.push(twin.at - e.at);
    else
      lost.push({ id, campaign: e.campaign, website: e.website, at: new Date(e.at).toISOString() });
  }
  const v2Only: ObserveEvidence['v2Only'] = [];
  for (const [id, e] of v2)
    if (!v1.has(id))
      v2Only.push({ id, why: e.state === STATE_COMPLETED ? 'not-in-1.0' : 'incomplete' });
  delays.sort((a, b) => a - b);
  return {
    at: now.toISOString(),
    verified: v2.size,
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
 * Adds the new deliveries to the ledger (qwh's tests left out; one already there — same
 * identity — counted once), each assigned to its webhooks by routing, then reconciles every
 * webhook over the whole ledger: evidence covers the whole window, not just this run's files.
 */
export function observeDeliveries(
  targets: readonly ObserveTarget[],
  ds: readonly Delivery[],
  now: Date,
  account: AccountFile,
  before: ObservedDoc = { version: 1, entries: [] },
): { evidence: Map<string, ObserveEvidence>; tally: ObserveTally; ledger: ObservedDoc } {
  const tally: ObserveTally = {
    read: ds.length,
    tests: 0,
    unattributed: 0,
    beforeConfigured: 0,
    seenBefore: 0,
    simulated: 0,
  };
  const entries = [...before.entries];
  const seen = new Map(entries.map((e, i) => [e.k, i]));
  for (const d of ds) {
    const id = str(d.fields[d.version === 2 ? 'id' : V1_KEYS.participationId]).toUpperCase();
    const at = seen.get(d.identity);
    if (d.test) tally.tests++;
    else if (at !== undefined) {
      tally.seenBefore++;
      entries[at] = judgeAgain(entries[at]!, d, targets, account);
    } else if (id) {
      if (d.simulated) tally.simulated++;
      const to = assign(d, targets, account);
      if (to.length === 0) {
        tally.unattributed++;
        continue;
      }
      if (to.every((t) => d.at < t.since)) tally.beforeConfigured++;
      seen.set(d.identity, entries.length);
      entries.push(entryOf(d, id, to, targets));
    }
  }
  const evidence = new Map<string, ObserveEvidence>();
  for (const t of targets) evidence.set(t.v1Key, reconcile(t, entries, now));
  return { evidence, tally, ledger: { version: 1, entries } };
}

/** A delivery seen before, judged for the webhooks an earlier run (`--webhook`) left out. */
function judgeAgain(
  e: ObservedEntry,
  d: Delivery,
  targets: readonly ObserveTarget[],
  account: AccountFile,
): ObservedEntry {
  const judged = new Set(e.j);
  const fresh = targets.filter((t) => !judged.has(t.v1Key));
  if (fresh.length === 0) return e;
  const to = assign(d, targets, account).filter((t) => fresh.includes(t));
  return {
    ...e,
    j: [...e.j, ...fresh.map((t) => t.v1Key)],
    to: [...e.to, ...to.map((t) => judgedFor(t, d))],
  };
}

/** Parses an observe ledger (undefined when it is not one). */
export function parseObserved(text: string): ObservedDoc | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  const d = v as Partial<ObservedDoc> | null;
  if (!d || d.version !== 1 || !Array.isArray(d.entries)) return undefined;
  for (const e of d.entries)
    if (
      !e ||
      typeof e.k !== 'string' ||
      typeof e.id !== 'string' ||
      !Array.isArray(e.to) ||
      !Array.isArray(e.j)
    )
      return undefined;
  return d as ObservedDoc;
}
