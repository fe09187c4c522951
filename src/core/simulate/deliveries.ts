import type { AccountFile, WebhookV1, WebhookV2 } from '../account/schema.js';
import { SIGNATURE_HEADER } from '../assumptions.js';
import { deliveredKeys, routeParticipation, type Route } from '../routing/route.js';
import { signBody } from '../signing.js';
import type { SimParticipation } from './participations.js';

/**
 * The header simulate's own deliveries carry. Not X-Qwh-Test: simulate stands in for Qualifio,
 * so observe counts its deliveries as real (and reports how many it saw); a receiver's logs can
 * still tell a rehearsal from production by it.
 */
export const SIMULATE_HEADER = 'x-qwh-simulate';

/** One delivery of one participation to one webhook, before its secret-bearing headers. */
export interface SimDelivery {
  webhook: WebhookV1 | WebhookV2;
  /** The exact body bytes: 1.0 flat JSON; 2.0 pretty-printed as Qualifio's example. */
  body: Buffer;
}

/**
 * Where Qualifio pushes one participation (the routing function of core/routing, on the back
 * office's account) and what it sends each webhook there: 1.0 the flat body of a complete
 * participation (1.0 never sent incomplete ones [doc]); 2.0 the participation object, an
 * incomplete one only when the webhook has incomplete participations on [doc]. Pure.
 */
export function deliveriesOf(
  account: AccountFile,
  p: SimParticipation,
): { route: Route; deliveries: SimDelivery[] } {
  const route = routeParticipation(account, p.context);
  const deliveries: SimDelivery[] = [];
  for (const key of deliveredKeys(route)) {
    const w = account.webhooks.find((x) => x.key === key);
    if (!w) continue;
    if (w.version === 1) {
      if (p.v1) deliveries.push({ webhook: w, body: Buffer.from(JSON.stringify(p.v1)) });
    } else if (p.state === 'complete' || w.incompleteParticipations)
      deliveries.push({ webhook: w, body: Buffer.from(JSON.stringify(p.v2, null, 4)) });
  }
  return { route, deliveries };
}

/** The headers of a delivery as Qualifio sends them: content type, auth header, signature. */
export function deliveryHeaders(
  body: Uint8Array,
  opts: { secret?: string; auth?: { name: string; value: string }; seed: number },
): Record<string, string> {
  return {
    'content-type': 'application/json',
    [SIMULATE_HEADER]: String(opts.seed),
    ...(opts.auth ? { [opts.auth.name]: opts.auth.value } : {}),
    ...(opts.secret !== undefined ? { [SIGNATURE_HEADER]: signBody(opts.secret, body) } : {}),
  };
}
