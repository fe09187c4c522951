import type { Logger, Sender, SendResult } from '../contracts/index.js';
import type { SecretRef, WebhookV1, WebhookV2 } from '../core/account/schema.js';
import type { BackOfficeView } from '../core/simulate/back-office.js';
import type { SimulateResult, WebhookTally } from '../core/simulate/result.js';
import { deliveriesOf, deliveryHeaders } from '../core/simulate/deliveries.js';
import type { SimParticipation } from '../core/simulate/participations.js';
import { showUrl } from '../core/endpoint/target-url.js';
import type { SecretUse } from './migrate/deps.js';

/** What simulate is given: the world it sends through and reads secrets with. */
export interface SimulateDeps {
  sender: Sender;
  /** Resolves a reference of the account file under the trust model (the migrate resolver). */
  resolveSecret: (ref: SecretRef, use: SecretUse) => Promise<string>;
  /** Moves a 1.0 URL's user:pass@ into a Basic header, registering the parts for masking. */
  splitUrl: (url: string) => { url: string; basic?: string };
  logger: Logger;
  signal: AbortSignal;
}

interface Wire {
  url: string;
  secret?: string;
  auth?: { name: string; value: string };
}

/** The URL and secret-bearing values one webhook is delivered with (read once per run). */
async function wireOf(w: WebhookV1 | WebhookV2, index: number, deps: SimulateDeps): Promise<Wire> {
  if (w.version === 1) {
    const { url, basic } = deps.splitUrl(w.url);
    return { url, ...(basic ? { auth: { name: 'Authorization', value: basic } } : {}) };
  }
  const use = (field: string[], as: SecretUse['as']): SecretUse => ({
    path: ['webhooks', index, ...field],
    host: w.host,
    as,
  });
  const secret = w.secret
    ? await deps.resolveSecret(w.secret, use(['secret'], 'hmac-key'))
    : undefined;
  const auth = w.authHeader
    ? {
        name: w.authHeader.name,
        value: await deps.resolveSecret(
          w.authHeader.value,
          use(['authHeader', 'value'], 'auth-header'),
        ),
      }
    : undefined;
  return { url: w.host, ...(secret !== undefined ? { secret } : {}), ...(auth ? { auth } : {}) };
}

function answerOf(r: SendResult): string {
  return r.ok ? String(r.status) : r.failure;
}

/**
 * `qwh simulate`: delivers each participation, as Qualifio would, to every enabled webhook of
 * the back office its push rules route it to (core/simulate/deliveries.ts), one at a time,
 * through the project's sender. Secrets are read once per webhook, when first needed.
 */
export async function runSimulate(
  input: {
    view: BackOfficeView;
    participations: Iterable<SimParticipation>;
    seed: number;
    dryRun: boolean;
  },
  deps: SimulateDeps,
): Promise<SimulateResult> {
  const res: SimulateResult = {
    seed: input.seed,
    participations: 0,
    incomplete: 0,
    anonymous: 0,
    notPushed: 0,
    webhooks: [],
    absent: input.view.absent,
    missing: input.view.missing,
    failed: 0,
    unreachable: 0,
    dryRun: input.dryRun,
  };
  const wires = new Map<string, Promise<Wire>>();
  const account = input.view.account;
  for (const p of input.participations) {
    deps.signal.throwIfAborted();
    res.participations++;
    if (p.state === 'incomplete') res.incomplete++;
    if (p.context.kind === 'anonymous') res.anonymous++;
    const { deliveries } = deliveriesOf(account, p);
    if (deliveries.length === 0) res.notPushed++;
    for (const d of deliveries) {
      const w = d.webhook;
      let wire = wires.get(w.key);
      if (!wire) wires.set(w.key, (wire = wireOf(w, account.webhooks.indexOf(w), deps)));
      const t = tallyOf(res, w, await wire);
      t.sent++;
      if (input.dryRun) continue;
      await deliver(res, t, deps, await wire, d.body, p.seed);
    }
  }
  return res;
}

function tallyOf(res: SimulateResult, w: WebhookV1 | WebhookV2, wire: Wire): WebhookTally {
  let t = res.webhooks.find((x) => x.key === w.key);
  if (!t) {
    t = { key: w.key, version: w.version, url: showUrl(wire.url), sent: 0, ok: 0, answers: {} };
    res.webhooks.push(t);
  }
  return t;
}

async function deliver(
  res: SimulateResult,
  t: WebhookTally,
  deps: SimulateDeps,
  wire: Wire,
  body: Buffer,
  seed: number,
): Promise<void> {
  const headers = deliveryHeaders(body, {
    seed,
    ...(wire.secret !== undefined ? { secret: wire.secret } : {}),
    ...(wire.auth ? { auth: wire.auth } : {}),
  });
  const r = await deps.sender.send({ url: wire.url, headers, body, signal: deps.signal });
  const a = answerOf(r);
  t.answers[a] = (t.answers[a] ?? 0) + 1;
  // [doc] success is any 2xx; a redirect is a failure (REDIRECT_IS_FAILURE).
  if (r.ok && r.status >= 200 && r.status < 300) t.ok++;
  else if (r.ok) res.failed++;
  else res.unreachable++;
}
