/**
 * A delivery body whose participation id can be replaced in place. Burst mode sends tens of
 * thousands of deliveries, each with its own id and signature: generating and serialising a
 * fresh participation for each one cost more than sending it, so the bytes are made once and
 * only the id (always 36 ASCII characters) is rewritten.
 */
export interface BodyTemplate {
  bytes: Buffer;
  /** Byte offset of the id inside `bytes`. */
  offset: number;
}

const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

/** Prepares a template from a body holding `id` exactly once; undefined when it cannot. */
export function bodyTemplate(bytes: Buffer, id: string): BodyTemplate | undefined {
  if (!UUID.test(id)) return undefined;
  const needle = Buffer.from(id, 'ascii');
  const offset = bytes.indexOf(needle);
  if (offset < 0 || bytes.indexOf(needle, offset + 1) >= 0) return undefined;
  return { bytes, offset };
}

/** The template's bytes with `id` (an upper-case UUID) in place of the original one. */
export function fillTemplate(t: BodyTemplate, id: string): Buffer {
  const out = Buffer.from(t.bytes);
  out.write(id, t.offset, 36, 'ascii');
  return out;
}

function hex(n: number, width: number): string {
  return n.toString(16).toUpperCase().padStart(width, '0').slice(-width);
}

/**
 * The participation id of burst delivery `i` under `seed`: unique per (seed, i), an upper-case
 * UUID v4 like real ones, starting 7E57 ("TEST") like every qwh test id. The same seed gives
 * the same ids for 1.0 and 2.0 bursts, so their captures pair up in `qwh diff-payload`.
 */
export function burstId(seed: number, i: number): string {
  return burstIds(seed)(i);
}

/** burstId(seed, ·) with the seed's part formatted once (a burst asks for one id per delivery). */
export function burstIds(seed: number): (i: number) => string {
  const s = seed >>> 0;
  const head = `7E57${hex(s >>> 16, 4)}-${hex(s & 0xffff, 4)}-4`;
  const low = `${head}000-8000-`; // every i below 2^48
  return (i) =>
    i < 2 ** 48
      ? low + hex(i, 12)
      : `${head}${hex(Math.floor(i / 2 ** 48), 3)}-8000-${hex(i % 2 ** 48, 12)}`;
}
