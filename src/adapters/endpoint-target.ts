import { basename, dirname, join, resolve } from 'node:path';
import { JournalFile } from './journal-file.js';
import type { Logger, SecretMasker } from '../contracts/index.js';
import type { TestEndpointInput } from '../core/endpoint/input.js';
import type { EndpointTarget } from '../core/endpoint/report.js';
import { describeRef, trustOf } from '../core/account/secret-trust.js';
import { showUrl, splitCredentials } from '../core/endpoint/target-url.js';
import { formatPath } from '../core/path.js';
import { MESSAGES } from '../messages/index.js';
import { assertAllowedTarget } from './http-sender.js';
import { loadPayloads } from './payload-input.js';
import { readCaFile } from './ca-file.js';
import { readSecretPick, type SecretBases } from './secrets.js';

const E = MESSAGES.endpoint;

/** The secret bases of an account file's webhook: its folder, its name and the user's allowed env names. */
export async function accountBases(
  acc: { dir: string; index: number; key: string },
  file: string,
  trustEnv: readonly string[] | undefined,
): Promise<Pick<SecretBases, 'account' | 'accountFile'> & { webhookPath: Array<string | number> }> {
  const trust = { ...trustOf(trustEnv), hmacEnvNames: await journaledSecretEnv(file, acc.key) };
  return {
    account: acc.dir,
    accountFile: { file, trust },
    webhookPath: ['webhooks', acc.index],
  };
}

/** The `--secret-env` names migrate's journal records for runs that created webhook `key`. */
async function journaledSecretEnv(file: string, key: string): Promise<Set<string>> {
  const abs = resolve(file);
  const journal = join(dirname(abs), '.qwh', `journal-${basename(abs)}.jsonl`);
  const records = await new JournalFile(journal, journal).read().catch(() => []);
  const names = new Set<string>();
  for (const r of records)
    if (r.t === 'begin' && r.options.secretEnv && r.planned.create.includes(key))
      names.add(r.options.secretEnv);
  return names;
}

/**
 * Turns test-endpoint's settled input into the service's target: reads the picked secrets, the
 * CA file and the payloads, moves URL credentials into Basic auth, and refuses link-local or
 * metadata targets (exit 4) before anything is sent.
 */
export async function readEndpointTarget(
  input: TestEndpointInput,
  world: {
    env: NodeJS.ProcessEnv;
    cwd: string;
    bases: SecretBases & { webhookPath?: Array<string | number> };
    masker: SecretMasker;
    log: Logger;
  },
): Promise<EndpointTarget> {
  const { env, cwd, bases, masker, log } = world;
  const { url, basic } = splitCredentials(input.url, masker);
  // An account file's references: held to the trust model, and each shown with the host it
  // goes to before anything is read or sent (core/account/secret-trust.ts).
  const at = bases.webhookPath ?? ['webhooks'];
  const read = async (
    p: NonNullable<TestEndpointInput['secret']>,
    field: string[],
    as: 'auth-header' | 'hmac-key',
  ): Promise<string> => {
    if (p.base === 'account')
      log.info(
        MESSAGES.secrets.sourceLine(
          formatPath([...at, ...field]),
          describeRef(p.ref),
          as,
          showUrl(url),
        ),
      );
    return readSecretPick(p, env, bases, masker, [...at, ...field], as);
  };
  const secret = input.secret ? await read(input.secret, ['secret'], 'hmac-key') : undefined;
  const previousSecret = input.previousSecret
    ? await readSecretPick(input.previousSecret, env, bases, masker)
    : undefined;
  let authHeader = input.authHeader
    ? {
        name: input.authHeader.name,
        value: await read(input.authHeader.value, ['authHeader', 'value'], 'auth-header'),
      }
    : undefined;
  if (!authHeader && basic) {
    authHeader = { name: 'Authorization', value: basic };
    log.warn(E.credentialsInUrl);
  }
  if (input.version === 1 && secret) log.warn(E.v1WithSecret);
  const ca = input.caFile ? await readCaFile(cwd, input.caFile) : undefined;
  const payloads = input.payload
    ? await loadPayloads(input.payload, cwd, input.version, (m) => log.warn(m))
    : undefined;
  await assertAllowedTarget(url);
  // The target holds what was read (secrets, CA bytes), not the references to them.
  const {
    payload: _p,
    caFile: _c,
    secret: _s,
    previousSecret: _ps,
    authHeader: _a,
    reporter: _r,
    out: _o,
    ...rest
  } = input;
  return {
    ...rest,
    url,
    ...(secret ? { secret } : {}),
    ...(previousSecret ? { previousSecret } : {}),
    ...(authHeader ? { authHeader } : {}),
    ...(payloads ? { payloads } : {}),
    ...(ca ? { ca } : {}),
  };
}
