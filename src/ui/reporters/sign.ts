import { versioned } from './json-document.js';

/** The header name as documents show it (assumptions.ts keeps the lower-case wire form). */
const HEADER_SHOWN = 'X-Qualifio-Signature';

/** What `qwh sign` found: the header value and the facts of the bytes it covers. */
export interface SignReport {
  signature: string;
  bytes: number;
  sha256: string;
}

/** sign's reporters: the bare header value, or one JSON document. */
export const SIGN_REPORTERS = {
  human: (r: SignReport): string => r.signature + '\n',
  json: (r: SignReport): string =>
    JSON.stringify(
      versioned({
        header: HEADER_SHOWN,
        signature: r.signature,
        bytes: r.bytes,
        sha256: r.sha256,
      }),
    ) + '\n',
} as const;
