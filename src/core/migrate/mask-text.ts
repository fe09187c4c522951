import { maskUrl } from '../redact.js';
import { isTokenParam } from './rules/v1-url.js';

const URL_IN_TEXT = /https?:\/\/[^\s"'<>,{}[\]]+/g;

/** Masks user:pass and credential-like query values of every URL in a text (diff lines, runbooks). */
export function maskUrlsInText(text: string): string {
  return text.replace(URL_IN_TEXT, (u) => maskUrl(u, isTokenParam));
}
