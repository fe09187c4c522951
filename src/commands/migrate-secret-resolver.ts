import type { Logger } from '../contracts/index.js';
import type { AccountStore } from '../adapters/account-store.js';
import { resolveSecretRef, type SecretSource } from '../adapters/secrets.js';
import { describeRef, type SecretTrust, trustOf } from '../core/account/secret-trust.js';
import { showUrl } from '../core/endpoint/target-url.js';
import { formatPath } from '../core/path.js';
import { MESSAGES } from '../messages/index.js';
import type { MigrateDeps } from '../services/migrate.js';

// The migrate commands' secret reads, apart from their other deps (migrate-deps.ts).

const S = MESSAGES.secrets;

/**
 * Resolves the account file's references under the trust model (core/account/secret-trust.ts):
 * each is shown once, with the host it goes to, before it is read; one the user did not allow is
 * refused (exit 4). A reference the plan wrote itself (`use.planned`) is qwh's own.
 */
export function accountSecretResolver(
  src: SecretSource,
  store: AccountStore,
  log: Logger,
  trust: SecretTrust,
): MigrateDeps['resolveSecret'] {
  const file = store.shown;
  const shown = new Set<string>();
  // The --secret-env names earlier runs created webhooks with (their journal): usable as those
  // webhooks' HMAC keys on later runs (confirm, the verification after `configured`).
  let journaled: Promise<Set<string>> | undefined;
  const hmacEnvNames = (): Promise<Set<string>> =>
    (journaled ??= store.readJournal().then((records) => {
      const names = new Set<string>();
      for (const r of records)
        if (r.t === 'begin' && r.options.secretEnv) names.add(r.options.secretEnv);
      return names;
    }));
  return async (ref, use) => {
    if (!use) return resolveSecretRef(ref, src);
    const line = S.sourceLine(formatPath(use.path), describeRef(ref), use.as, showUrl(use.host));
    if (!shown.has(line)) log.info(line);
    shown.add(line);
    const own = use.planned && typeof ref === 'object' && 'env' in ref ? [ref.env] : [];
    const base = own.length > 0 ? trustOf([...trust.envNames], own) : trust;
    const t = { ...base, hmacEnvNames: await hmacEnvNames() };
    return resolveSecretRef(ref, {
      ...src,
      account: { file, path: use.path, trust: t, as: use.as },
    });
  };
}
