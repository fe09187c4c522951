import { resolve } from 'node:path';
import type { Logger, SecretMasker } from '../contracts/index.js';
import type { TestEndpointInput } from '../core/endpoint/input.js';
import type { EndpointTarget } from '../core/endpoint/report.js';
import { splitCredentials } from '../core/endpoint/target-url.js';
import { MESSAGES } from '../messages/index.js';
import { assertAllowedTarget } from './http-sender.js';
import { loadPayloads } from './payload-input.js';
import { readRegularFile } from './read-file.js';
import { readSecretPick, type SecretBases } from './secrets.js';

const E = MESSAGES.endpoint;
const MAX_CA_BYTES = 1024 * 1024;

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
    bases: SecretBases;
    masker: SecretMasker;
    log: Logger;
  },
): Promise<EndpointTarget> {
  const { env, cwd, bases, masker, log } = world;
  const { url, basic } = splitCredentials(input.url, masker);
  const read = (p: NonNullable<TestEndpointInput['secret']>): Promise<string> =>
    readSecretPick(p, env, bases, masker);
  const secret = input.secret ? await read(input.secret) : undefined;
  let authHeader = input.authHeader
    ? { name: input.authHeader.name, value: await read(input.authHeader.value) }
    : undefined;
  if (!authHeader && basic) {
    authHeader = { name: 'Authorization', value: basic };
    log.info(E.credentialsInUrl);
  }
  if (input.version === 1 && secret) log.warn(E.v1WithSecret);
  const ca = input.caFile
    ? await readRegularFile(resolve(cwd, input.caFile), MAX_CA_BYTES, input.caFile)
    : undefined;
  const payloads = input.payload
    ? await loadPayloads(input.payload, cwd, input.version, (m) => log.warn(m))
    : undefined;
  await assertAllowedTarget(url);
  // The target holds what was read (secrets, CA bytes), not the references to them.
  const {
    payload: _p,
    caFile: _c,
    secret: _s,
    authHeader: _a,
    reporter: _r,
    out: _o,
    ...rest
  } = input;
  return {
    ...rest,
    url,
    ...(secret ? { secret } : {}),
    ...(authHeader ? { authHeader } : {}),
    ...(payloads ? { payloads } : {}),
    ...(ca ? { ca } : {}),
  };
}
