import type { ConversionRule } from './rule.js';

/** 1.0 never sent incomplete participations: 2.0 does not either, unless --incomplete. */
export const incompleteParticipationsRule: ConversionRule = {
  id: 'incomplete-participations',
  summary: 'incompleteParticipations: false (as 1.0), true with --incomplete',
  apply(ctx) {
    if (ctx.mode !== 'create') return {};
    return { create: { incompleteParticipations: ctx.options.incomplete } };
  },
};
