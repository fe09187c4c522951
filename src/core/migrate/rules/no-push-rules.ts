import { indexAccount } from '../../account/account-index.js';
import type { ConversionRule } from './rule.js';

/** A 1.0 webhook no push rule sends to gets nothing today, and its 2.0 twin would get nothing either. */
export const noPushRulesRule: ConversionRule = {
  id: 'no-push-rules',
  summary: 'a 1.0 webhook with no push rule: its 2.0 twin receives nothing either',
  apply(ctx) {
    if (indexAccount(ctx.account).rulesByDestination.has(ctx.v1.key)) return {};
    return {
      needsHuman: [
        {
          code: 'no-push-rules',
          severity: 'todo',
          webhook: ctx.v1.key,
          path: ['pushRules'],
          message: `no push rule sends to 1.0 "${ctx.v1.key}", so its 2.0 twin receives nothing either`,
          action: `Add a push rule with destination "${ctx.v2Key}" (in the file and in the back office) if this webhook should receive participations.`,
        },
      ],
    };
  },
};
