/** A location inside a parsed document: object keys and array indexes. */
export type DocPath = ReadonlyArray<string | number>;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Formats a path the way users read it: `webhooks[1].host`, `a["odd key"]`. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * A path as an admin finds it: a webhook by its key, not its index (`webhooks[main-v2].host`
 * instead of `webhooks[3].host`), when the document's webhooks have keys.
 */
export function formatPathByKey(
  path: DocPath,
  webhooks: readonly { key: string }[] | undefined,
): string {
  const [head, i, ...rest] = path;
  const key = head === 'webhooks' && typeof i === 'number' ? webhooks?.[i]?.key : undefined;
  if (key === undefined) return formatPath(path);
  return `webhooks[${JSON.stringify(key).slice(1, -1)}]${rest.length ? formatPath(rest).replace(/^(?=[^[])/, '.') : ''}`;
}

/** One problem found in a file: where, and what is wrong. */
export interface Problem {
  path: DocPath;
  message: string;
  /** 1-based line and column, for syntax errors. */
  line?: number;
  column?: number;
}

/** Formats a problem as `file › path: message` (or `file:line:col: message` for syntax errors). */
export function formatProblem(file: string, p: Problem): string {
  if (p.line !== undefined) return `${file}:${p.line}:${p.column ?? 1}: ${p.message}`;
  return `${file} › ${formatPath(p.path)}: ${p.message}`;
}
