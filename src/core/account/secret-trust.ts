import type { AccountFile, SecretRef } from './schema.js';

/**
 * The trust model of secret references (docs/reliability.md "Secret references"). An account file
 * is untrusted input: it is passed around (a colleague, an agency, a repo) and qwh sends the
 * secrets it names to the hosts it names. So a reference *of an account file* may only reach:
 * - a literal (it is in the file already: nothing of the user's leaves);
 * - `{ file }` inside the account file's folder: relative, no `..`, no absolute path (and, checked
 *   when read, no symlink leading out) — qwh's own `.qwh/secrets/` files are there;
 * - `{ env }` named on the allow-list: `--secret-env NAME` of this command line, `trust.env` of the
 *   user's qwh config (never the account file), or the name the interrupted run was given with
 *   `--secret-env` (resume).
 * References given on the command line or in the user's config are the user's own: not confined.
 */
export interface SecretTrust {
  /** Environment variable names an account file may name. */
  envNames: ReadonlySet<string>;
  /**
   * Names allowed as a webhook's HMAC key only: the `--secret-env NAME` migrate was given for the
   * webhooks it created (its journal). An HMAC key is never sent, only signatures made with it.
   */
  hmacEnvNames?: ReadonlySet<string>;
}

/** Why a reference of an account file is refused, and how to allow it. */
export type TrustVerdict =
  { ok: true } | { ok: false; why: 'absolute' | 'parent' | 'env'; shown: string };

/** The reference as a user reads it in the file (never a value: literals are not shown). */
export function describeRef(ref: SecretRef): string {
  if (typeof ref === 'string') return 'a literal in the file';
  return 'env' in ref ? `{ env: ${ref.env} }` : `{ file: ${JSON.stringify(ref.file)} }`;
}

/** True when a path is relative and stays inside its folder by its text (no `..`, no root, no drive). */
export function isConfinedPath(p: string): boolean {
  if (p.includes('\0')) return false;
  if (/^[\\/]/.test(p) || /^[A-Za-z]:/.test(p) || p.startsWith('~')) return false;
  return !p.split(/[\\/]/).some((seg) => seg === '..');
}

/** Whether an account file's reference may be read (the symlink check follows when it is read). */
export function checkAccountRef(
  ref: SecretRef,
  trust: SecretTrust,
  as: 'auth-header' | 'hmac-key' = 'auth-header',
): TrustVerdict {
  if (typeof ref === 'string') return { ok: true };
  const shown = describeRef(ref);
  if ('env' in ref) {
    const hmac = as === 'hmac-key' && trust.hmacEnvNames?.has(ref.env) === true;
    return trust.envNames.has(ref.env) || hmac ? { ok: true } : { ok: false, why: 'env', shown };
  }
  if (!isConfinedPath(ref.file)) {
    const why = /^([\\/]|[A-Za-z]:|~)/.test(ref.file) ? 'absolute' : 'parent';
    return { ok: false, why, shown };
  }
  return { ok: true };
}

/** One secret reference of an account file: where it is, what it names, the host it is sent to. */
export interface AccountSecretUse {
  path: Array<string | number>;
  ref: SecretRef;
  host: string;
  /** How the value reaches the host: as a header value, or as the HMAC key (only its signatures). */
  as: 'auth-header' | 'hmac-key';
}

/** Every secret reference of the file's 2.0 webhooks, with the host it goes to. */
export function accountSecretUses(account: AccountFile): AccountSecretUse[] {
  const uses: AccountSecretUse[] = [];
  account.webhooks.forEach((w, i) => {
    if (w.version !== 2) return;
    if (w.authHeader)
      uses.push({
        path: ['webhooks', i, 'authHeader', 'value'],
        ref: w.authHeader.value,
        host: w.host,
        as: 'auth-header',
      });
    if (w.secret)
      uses.push({ path: ['webhooks', i, 'secret'], ref: w.secret, host: w.host, as: 'hmac-key' });
  });
  return uses;
}

/** The trust of a run: the names given on the command line and in the user's config. */
export function trustOf(
  ...names: ReadonlyArray<ReadonlyArray<string | undefined> | undefined>
): SecretTrust {
  const set = new Set<string>();
  for (const list of names) for (const n of list ?? []) if (n) set.add(n);
  return { envNames: set };
}

/** `check`'s warnings: every reference of the file qwh would refuse to read, and why. */
export function untrustedRefWarnings(
  account: AccountFile,
  trust: SecretTrust,
): Array<{ path: Array<string | number>; message: string }> {
  const out: Array<{ path: Array<string | number>; message: string }> = [];
  for (const use of accountSecretUses(account)) {
    const v = checkAccountRef(use.ref, trust, use.as);
    if (v.ok) continue;
    const what =
      v.why === 'env'
        ? 'is not on the trusted list (trust.env of your qwh config)'
        : v.why === 'absolute'
          ? 'is an absolute path'
          : 'leaves the account folder (..)';
    out.push({
      path: use.path,
      message: `${v.shown} ${what}: qwh will refuse to read it (exit 4) rather than send it to ${use.host}`,
    });
  }
  return out;
}
