import type { ConversionRule } from './rule.js';

/** The 2.0 webhook's display name: the account's or the website's name, so the back office reads well. */
export const v2NameRule: ConversionRule = {
  id: 'v2-name',
  summary: 'name = account or website name + "webhook 2.0"; same scope as 1.0',
  apply(ctx) {
    if (ctx.mode !== 'create') return {};
    const scope = ctx.v1.scope;
    const base =
      scope === 'account'
        ? ctx.account.account.name
        : (ctx.account.websites?.find((w) => w.id === scope.website)?.name ??
          `website ${scope.website}`);
    return { create: { key: ctx.v2Key, scope, name: `${base} webhook 2.0`.slice(0, 200) } };
  },
};
