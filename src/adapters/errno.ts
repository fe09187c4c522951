/** The errno code of a Node.js system error (`ENOENT`, `EACCES`…), or undefined for anything else. */
export function errnoOf(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/** True when `e` is a system error with this errno code. */
export function isErrno(e: unknown, code: string): boolean {
  return errnoOf(e) === code;
}
