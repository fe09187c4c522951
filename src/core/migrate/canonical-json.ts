/**
 * JSON with object keys sorted at every level: equal data gives equal text whatever the key
 * order. Only used on account data already bounded by the input limits (depth 32).
 */
export function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_k, v: unknown) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
      const src = v as Record<string, unknown>;
      const sorted: Record<string, unknown> = {};
      // defineProperty: a "__proto__" key stays data, never a prototype change.
      for (const k of Object.keys(src).sort())
        Object.defineProperty(sorted, k, {
          value: src[k],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return sorted;
    }) ?? 'undefined'
  );
}
