import type { Problem } from '../path.js';
import type { AccountFile, SecretRef } from './schema.js';
import { nearest } from '../suggest.js';
import { scopeKey } from './scope.js';
import { blockedHostnameReason } from '../endpoint/address-policy.js';
import { MESSAGES } from '../../messages/index.js';

/** Warnings that do not make the file invalid but deserve the admin's attention. */
export interface AccountWarning {
  path: ReadonlyArray<string | number>;
  message: string;
}

/** Checks what the shape cannot: uniqueness, references, level-specific fields. Returns every problem. */
export function checkAccountSemantics(account: AccountFile): {
  problems: Problem[];
  warnings: AccountWarning[];
} {
  const problems: Problem[] = [];
  const warnings: AccountWarning[] = [];

  const uniqueIds = (
    list: ReadonlyArray<{ id: number }> | undefined,
    field: string,
  ): Set<number> | undefined => {
    if (!list) return undefined;
    const seen = new Set<number>();
    list.forEach((item, i) => {
      if (seen.has(item.id))
        problems.push({ path: [field, i, 'id'], message: `duplicate id ${item.id}` });
      seen.add(item.id);
    });
    return seen;
  };
  const webhookKeys = account.webhooks.map((w) => w.key);
  const websites = uniqueIds(account.websites, 'websites');
  const masterForms = uniqueIds(account.masterForms, 'masterForms');
  const campaigns = uniqueIds(account.campaigns, 'campaigns');

  account.campaigns?.forEach((c, i) => {
    if (websites && c.websiteId !== undefined && !websites.has(c.websiteId)) {
      problems.push({
        path: ['campaigns', i, 'websiteId'],
        message: `website ${c.websiteId} is not in websites`,
      });
    }
    if (masterForms && c.masterFormId !== undefined && !masterForms.has(c.masterFormId)) {
      problems.push({
        path: ['campaigns', i, 'masterFormId'],
        message: `master form ${c.masterFormId} is not in masterForms`,
      });
    }
  });

  const keys = new Map<string, number>();
  const scopes = new Map<string, number>();
  account.webhooks.forEach((w, i) => {
    const first = keys.get(w.key);
    if (first !== undefined)
      problems.push({
        path: ['webhooks', i, 'key'],
        message: `duplicate key "${w.key}" (also webhooks[${first}])`,
      });
    else keys.set(w.key, i);

    const sk = `${w.version}|${scopeKey(w.scope)}`;
    const other = scopes.get(sk);
    if (other !== undefined) {
      problems.push({
        path: ['webhooks', i, 'scope'],
        message: `a second webhook ${w.version}.0 at scope ${scopeKey(w.scope)} (also webhooks[${other}]); Qualifio allows one per scope`,
      });
    } else scopes.set(sk, i);

    if (w.scope !== 'account' && websites && !websites.has(w.scope.website)) {
      problems.push({
        path: ['webhooks', i, 'scope', 'website'],
        message: `website ${w.scope.website} is not in websites`,
      });
    }
    const forbidden = blockedHostnameReason(new URL(w.version === 1 ? w.url : w.host).hostname);
    if (forbidden)
      warnings.push({
        path: ['webhooks', i, w.version === 1 ? 'url' : 'host'],
        message: MESSAGES.check.forbiddenHost(forbidden),
      });
    if (w.version === 2) {
      const host = new URL(w.host);
      if (host.username || host.password) {
        problems.push({
          path: ['webhooks', i, 'host'],
          message: 'credentials in the host URL; webhook 2.0 sends them with authHeader instead',
        });
      }
      warnLiteral(w.secret, ['webhooks', i, 'secret'], warnings);
      warnLiteral(w.authHeader?.value, ['webhooks', i, 'authHeader', 'value'], warnings);
      if (host.protocol === 'http:')
        warnings.push({
          path: ['webhooks', i, 'host'],
          message: 'plain http: deliveries are not encrypted',
        });
    }
  });

  const seenRules = new Map<string, number>();
  account.pushRules.forEach((r, i) => {
    if (r.level === 'default') {
      if (r.target !== undefined)
        problems.push({
          path: ['pushRules', i, 'target'],
          message: 'a default rule has no target',
        });
    } else if (r.target === undefined) {
      problems.push({ path: ['pushRules', i, 'target'], message: `required at level ${r.level}` });
    }
    if (r.level === 'website' && r.campaignMode === undefined) {
      problems.push({
        path: ['pushRules', i, 'campaignMode'],
        message: 'required at level website (anonymous, identified or both)',
      });
    }
    if (r.level !== 'website' && r.campaignMode !== undefined) {
      problems.push({
        path: ['pushRules', i, 'campaignMode'],
        message: 'only website rules have a campaign mode',
      });
    }
    const lists = { website: websites, masterForm: masterForms, campaign: campaigns } as const;
    if (r.level !== 'default' && r.target !== undefined) {
      const known = lists[r.level];
      if (known && !known.has(r.target)) {
        problems.push({
          path: ['pushRules', i, 'target'],
          message: `${r.level} ${r.target} is not in ${r.level === 'website' ? 'websites' : r.level === 'masterForm' ? 'masterForms' : 'campaigns'}`,
        });
      }
    }
    // Another integration's name one typo away from a webhook key is most likely that webhook.
    if (r.destination !== null && !webhookKeys.includes(r.destination)) {
      const near = nearest(r.destination, webhookKeys);
      if (near !== undefined)
        warnings.push({
          path: ['pushRules', i, 'destination'],
          message: `"${r.destination}" is not a webhook key, so this rule is for another integration; did you mean ${near}?`,
        });
    }
    const rk = `${r.level}|${r.target ?? ''}|${r.campaignMode ?? ''}|${r.destination ?? ''}`;
    const dup = seenRules.get(rk);
    if (dup !== undefined)
      problems.push({ path: ['pushRules', i], message: `same rule as pushRules[${dup}]` });
    else seenRules.set(rk, i);
  });

  return { problems, warnings };
}

function warnLiteral(
  ref: SecretRef | undefined,
  path: Array<string | number>,
  warnings: AccountWarning[],
): void {
  if (typeof ref === 'string') {
    warnings.push({
      path,
      message: 'secret written in the file; prefer { env: NAME } or { file: PATH }',
    });
  }
}
