/**
 * The one equality of `qwh adapter test` and of the generator's checks: an adapter's value
 * equals the 1.0 capture's value when both are "no value" (absent, undefined, null) or their
 * JSON is the same, types included ("42" is not 42). Object keys compare in any order.
 */
export function sameV1Value(a: unknown, b: unknown): boolean {
  const none = (v: unknown): boolean => v === undefined || v === null;
  if (none(a) || none(b)) return none(a) && none(b);
  return canonical(a) === canonical(b);
}

/** JSON text with object keys sorted (iterative enough for flat 1.0 values; bounded input). */
export function canonical(v: unknown): string {
  if (v === undefined) return 'null';
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys
    .map((k) => `${JSON.stringify(k)}:${canonical(Object.getOwnPropertyDescriptor(v, k)?.value)}`)
    .join(',')}}`;
}

/** An own property of a record, `__proto__` included, without touching the prototype. */
export function ownValue(record: unknown, key: string): unknown {
  return record !== null && typeof record === 'object'
    ? Object.getOwnPropertyDescriptor(record, key)?.value
    : undefined;
}
