import type { WebhookV1, WebhookV2 } from '../../account/schema.js';
import type { ConversionRule } from './rule.js';
import { receiverIdentity } from './v1-url.js';

/** True when a 2.0 webhook already at the scope is the twin of this 1.0 one (same receiver). */
export function isTwinOf(v1: WebhookV1, v2: WebhookV2): boolean {
  return receiverIdentity(v1.url) === receiverIdentity(v2.host);
}

/**
 * A 2.0 webhook at the scope with another receiver: qwh cannot tell which is right, so the
 * scope is left alone. A matching one is adopted (verified, then 1.0 turned off).
 */
export const existingV2Rule: ConversionRule = {
  id: 'existing-v2',
  summary: 'a 2.0 webhook already at the scope: adopt it if it is the same receiver, else stop',
  apply(ctx) {
    if (!ctx.existing || isTwinOf(ctx.v1, ctx.existing.webhook)) return {};
    return {
      stop: 'existing-v2-differs',
      needsHuman: [
        {
          code: 'existing-v2-differs',
          severity: 'todo',
          webhook: ctx.v1.key,
          path: ['webhooks', ctx.existing.index],
          message: `webhook 2.0 "${ctx.existing.webhook.key}" is already set at ${ctx.scopeLabel} with another host than 1.0 "${ctx.v1.key}"`,
          action: `Decide which receiver is right: fix the host of "${ctx.existing.webhook.key}" (qwh then verifies it and turns 1.0 off), or turn 1.0 "${ctx.v1.key}" off yourself once 2.0 delivers.`,
        },
      ],
    };
  },
};
