import type { ConversionRule } from './rule.js';

/**
 * The plan never turns 1.0 off: the account file describes the back office, and 1.0 is marked
 * off only when the admin confirms it there (`qwh migrate confirm v1-off`), after the cut-over
 * gate (real 2.0 deliveries reconciled with 1.0). Kept as a rule so the plan says so.
 */
export const disableV1Rule: ConversionRule = {
  id: 'disable-v1',
  summary: 'never turn 1.0 off at apply: only `qwh migrate confirm v1-off` marks it off',
  apply() {
    return { disableV1: false };
  },
};
