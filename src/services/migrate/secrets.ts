import type { AccountFile, WebhookV2 } from '../../core/account/schema.js';
import type { VerifyTarget } from '../../core/migrate/results.js';
import { basicAuthValue, splitV1Url } from '../../core/migrate/rules/v1-url.js';
import type { Plan, PlannedSecretFile, PlanUnit } from '../../core/migrate/types.js';
import type { MigrateDeps } from './deps.js';

/** The value of a secret file apply writes: random hex, or credentials taken from the 1.0 URL. */
export function secretFileValue(
  sf: PlannedSecretFile,
  unit: PlanUnit,
  account: AccountFile,
  randomHex: (n: number) => string,
): string {
  if (sf.source.kind === 'random-hex') return randomHex(sf.source.bytes);
  const v1 = account.webhooks[unit.v1.index];
  if (!v1 || v1.version !== 1) throw new Error(`1.0 webhook ${unit.v1.key} moved`);
  const parts = splitV1Url(v1.url, 'keep');
  if (sf.source.kind === 'basic-from-url') return basicAuthValue(parts.username, parts.password);
  const token = new URL(v1.url).searchParams.get(sf.source.param) ?? '';
  return `Bearer ${token}`;
}

/** What the check suite is pointed at for one unit: the 2.0 webhook of the file, secrets resolved. */
export async function targetFor(
  account: AccountFile,
  unit: PlanUnit,
  plan: Plan,
  deps: Pick<MigrateDeps, 'resolveSecret'>,
): Promise<VerifyTarget> {
  const w = account.webhooks.find((x): x is WebhookV2 => x.version === 2 && x.key === unit.v2Key);
  if (!w) throw new Error(`2.0 webhook ${unit.v2Key} is not in the file`);
  return {
    v1Key: unit.v1.key,
    v2Key: w.key,
    url: w.host,
    ...(w.authHeader
      ? {
          authHeader: {
            name: w.authHeader.name,
            value: await deps.resolveSecret(w.authHeader.value),
          },
        }
      : {}),
    ...(w.secret ? { secret: await deps.resolveSecret(w.secret) } : {}),
    allowInsecure: plan.options.allowInsecureHost,
    incompleteParticipations: w.incompleteParticipations,
  };
}
