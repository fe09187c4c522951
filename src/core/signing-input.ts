import type { SecretPick } from './endpoint/input.js';
import { previousSecretPick, secretFlagPick } from './endpoint/input.js';
import { UserError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { MESSAGES } from '../messages/index.js';
import type { SIGN_OPTIONS } from './options/sign.js';
import type { Resolved } from './options/spec.js';
import type { VERIFY_OPTIONS } from './options/verify.js';

/** sign's input: the body to read (`-` = stdin) and where the secret is (read by the command). */
export interface SignInput {
  file: string;
  secret: SecretPick;
  json: boolean;
}

/** verify's input: sign's, plus the header value received. */
export interface VerifyInput extends SignInput {
  signature: string;
  /** The secret before a rotation, accepted too. */
  previousSecret?: SecretPick;
}

/** The secret of sign/verify: required, from --secret-env or --secret-file, never an argument. */
function requiredSecret(o: { secretEnv?: string | undefined; secretFile?: string | undefined }) {
  const secret = secretFlagPick(o.secretEnv, o.secretFile, 'the secret');
  if (!secret)
    throw new UserError(MESSAGES.sign.needSecret, ExitCode.USAGE, MESSAGES.sign.needSecretHint);
  return secret;
}

/** Settles sign's input; refuses a run without a secret source. */
export function resolveSignInput(o: Resolved<typeof SIGN_OPTIONS>): SignInput {
  return { file: o.file, secret: requiredSecret(o), json: o.json === true };
}

/** Settles verify's input; refuses a run without a secret source (commander requires --signature). */
export function resolveVerifyInput(o: Resolved<typeof VERIFY_OPTIONS>): VerifyInput {
  const secret = requiredSecret(o);
  // Commander refuses a missing --signature before the command runs; this keeps the type honest.
  if (o.signature === undefined) throw new UserError(MESSAGES.sign.needSignature, ExitCode.USAGE);
  const previousSecret = previousSecretPick(o, secret);
  return {
    ...{ file: o.file, secret, signature: o.signature, json: o.json === true },
    ...(previousSecret ? { previousSecret } : {}),
  };
}
