import type { AccountFile } from '../../core/account/schema.js';
import type { VerifyTarget } from '../../core/migrate/results.js';
import { basicAuthValue, splitV1Url } from '../../core/migrate/rules/v1-url.js';
import type { Plan, PlannedSecretFile, PlanUnit } from '../../core/migrate/types.js';
import type { MigrateDeps, SecretUse } from './deps.js';

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
  const index = account.webhooks.findIndex((x) => x.version === 2 && x.key === unit.v2Key);
  const w = account.webhooks[index];
  if (!w || w.version !== 2) throw new Error(`2.0 webhook ${unit.v2Key} is not in the file`);
  const at = (field: string[], as: SecretUse['as'], planned = false): SecretUse => ({
    ...{ path: ['webhooks', index, ...field], host: w.host, as, planned },
  });
  // The HMAC secret this plan gave the new webhook (its own file, or --secret-env NAME) is qwh's.
  const planned = unit.create?.secret;
  const ours = planned !== undefined && JSON.stringify(planned) === JSON.stringify(w.secret);
  return {
    v1Key: unit.v1.key,
    v2Key: w.key,
    url: w.host,
    ...(w.authHeader
      ? {
          authHeader: {
            name: w.authHeader.name,
            value: await deps.resolveSecret(
              w.authHeader.value,
              at(['authHeader', 'value'], 'auth-header'),
            ),
          },
        }
      : {}),
    ...(w.secret
      ? { secret: await deps.resolveSecret(w.secret, at(['secret'], 'hmac-key', ours)) }
      : {}),
    allowInsecure: plan.options.allowInsecureHost,
    incompleteParticipations: w.incompleteParticipations,
  };
}
