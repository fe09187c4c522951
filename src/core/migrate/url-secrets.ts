import { decodeOr } from '../redact.js';
import type { AccountFile } from '../account/schema.js';
import { basicAuthValue, splitV1Url } from './rules/v1-url.js';

/** Registers every credential a 1.0 URL carries (password, token values), for masking. */
export function registerUrlSecrets(
  account: AccountFile,
  register: (v: string, label?: string) => void,
): void {
  for (const w of account.webhooks) {
    const raw = w.version === 1 ? w.url : w.host;
    const url = new URL(raw);
    if (url.password) register(decodeOr(url.password), `the URL password of ${w.key}`);
    const parts = splitV1Url(raw, 'keep');
    for (const p of parts.tokenParams)
      for (const v of url.searchParams.getAll(p)) register(v, `the ${p} of ${w.key}'s URL`);
    if (url.username || url.password) register(basicAuthValue(parts.username, parts.password));
  }
}
