import type { ConversionRule } from './rule.js';

/**
 * 1.0 is turned off last, only once its 2.0 twin verified, and never with --keep-v1 or
 * --skip-verify; its push rules stay, so turning it back on is one switch.
 */
export const disableV1Rule: ConversionRule = {
  id: 'disable-v1',
  summary: 'turn 1.0 off after its twin verified (not with --keep-v1 or --skip-verify)',
  apply(ctx) {
    return { disableV1: !ctx.options.keepV1 && !ctx.options.skipVerify };
  },
};
