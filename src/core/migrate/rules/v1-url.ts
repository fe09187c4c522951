import { TOKEN_QUERY_PARAM, V1_CREDENTIALS_IN_URL } from '../../assumptions.js';
import { maskUrl, decodeOr } from '../../redact.js';
import type { QueryTokenMode } from '../types.js';

/** A 1.0 URL taken apart: the 2.0 host, and the credentials it carried. */
export interface V1UrlParts {
  /** The 2.0 host: the 1.0 URL without user:pass (and without the moved token). Contains kept tokens. */
  host: string;
  /** The host for display: token values masked. */
  maskedHost: string;
  username: string;
  password: string;
  /** Query parameters whose names look like credentials. */
  tokenParams: string[];
  /** The token parameter moved into the auth header, if any. */
  movedParam?: string;
}

/** True when a query parameter name looks like a credential ([assumed] list in assumptions.ts). */
export const isTokenParam = (name: string): boolean => TOKEN_QUERY_PARAM.test(name);

/**
 * Splits a 1.0 URL into the 2.0 host and its credentials. A token moves into the auth header
 * only when asked, when it is the only one and when no user:pass claims the header already.
 * `credentialsInUrl` is the assumption that 1.0 carried credentials in the URL at all; without
 * it the URL is the host as it is.
 */
export function splitV1Url(
  raw: string,
  mode: QueryTokenMode,
  credentialsInUrl: boolean = V1_CREDENTIALS_IN_URL,
): V1UrlParts {
  const url = new URL(raw);
  if (!credentialsInUrl)
    return {
      host: url.href,
      maskedHost: maskUrl(url.href, isTokenParam),
      username: '',
      password: '',
      tokenParams: [],
    };
  const username = decodeOr(url.username);
  const password = decodeOr(url.password);
  url.username = '';
  url.password = '';
  const tokenParams = [...new Set([...url.searchParams.keys()].filter(isTokenParam))];
  let movedParam: string | undefined;
  if (mode === 'move' && tokenParams.length === 1 && !username && !password) {
    movedParam = tokenParams[0];
    if (movedParam !== undefined) url.searchParams.delete(movedParam);
  }
  const host = url.href;
  return {
    host,
    maskedHost: maskUrl(host, isTokenParam),
    username,
    password,
    tokenParams,
    ...(movedParam !== undefined ? { movedParam } : {}),
  };
}

/** The auth header value 1.0 credentials become: `Basic base64(user:pass)`. */
export function basicAuthValue(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** Host with credentials and token parameters removed: what two hosts must share to be "the same receiver". */
export function receiverIdentity(raw: string): string {
  const url = new URL(raw);
  url.username = '';
  url.password = '';
  for (const k of [...url.searchParams.keys()]) if (isTokenParam(k)) url.searchParams.delete(k);
  url.hash = '';
  return url.href;
}
