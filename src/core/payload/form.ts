/** Parses an application/x-www-form-urlencoded 1.0 body into the flat object (last value wins for repeats). */
export function parseFormEncoded(body: string): Record<string, string> {
  // fromEntries defines own data properties, so a "__proto__" field stays data, never a prototype.
  return Object.fromEntries(new URLSearchParams(body));
}

/** True when a text body looks form-encoded rather than JSON (`a=1&b=2`). */
export function looksFormEncoded(body: string): boolean {
  const t = body.trim();
  return t !== '' && t[0] !== '{' && t[0] !== '[' && /^[^=&\s]+=[^&]*(&[^=&\s]+=[^&]*)*$/.test(t);
}
