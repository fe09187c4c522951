import type { Scope } from './schema.js';

/** A stable string for a scope, for maps and messages: `account` or `website:1234`. */
export function scopeKey(scope: Scope): string {
  return scope === 'account' ? 'account' : `website:${scope.website}`;
}

/** How a scope reads in a report: "account" or "website 1234 (Acme News)". */
export function describeScope(scope: Scope, websiteNames?: ReadonlyMap<number, string>): string {
  if (scope === 'account') return 'account';
  const name = websiteNames?.get(scope.website);
  return name ? `website ${scope.website} (${name})` : `website ${scope.website}`;
}
