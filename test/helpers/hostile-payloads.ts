import { generateSample } from '../../src/core/sample/generate.js';

// Hostile payload files, shared by the in-process matrix (test/adapters/hostile-payloads.test.ts)
// and the spawned contract and listen bodies (test/reliability/hostile-payloads.test.ts).

const sample = JSON.stringify(generateSample(5).v2);
/** The sample 2.0 payload with more members appended. */
export const withTail = (tail: string): string => sample.replace(/}$/, `,${tail}}`);
/** Just past the 200 000 keys-and-items bound of a payload (the readers take no injected limits). */
const OVER_THE_KEY_BOUND = 200_050;

export type Outcome = { exit: 2; message: RegExp } | { exit: 0 };
/** One hostile payload file and what each reader of it must make of it. */
export interface HostilePayload {
  name: string;
  make: () => Buffer | string;
  /** `qwh diff-payload v1.json <it>`. */
  diff: Outcome;
  /** `qwh test-endpoint <url> --payload <it>`. */
  send: Outcome;
  /** The answer of `qwh listen` to it as a body. */
  listen: 200 | 400;
}

/** Builds a big document once for the three readers that get it. */
function once<T>(make: () => T): () => T {
  let made: { v: T } | undefined;
  return () => (made ??= { v: make() }).v;
}

const refused = (message: RegExp): Outcome => ({ exit: 2, message });
const ok: Outcome = { exit: 0 };

export const HOSTILE_PAYLOADS: HostilePayload[] = [
  {
    name: 'deep nesting (100 000 levels)',
    make: once(() => withTail(`"x":${'['.repeat(100_000)}${']'.repeat(100_000)}`)),
    diff: refused(/^error: deep-nesting-100-000-levels-\.json: nesting deeper than 64 levels$/m),
    send: refused(/^error: deep-nesting-100-000-levels-\.json: .*nesting deeper than 64 levels/m),
    listen: 400,
  },
  {
    name: 'more keys than the bound',
    make: once(() => {
      const keys: string[] = [];
      for (let i = 0; i < OVER_THE_KEY_BOUND; i++) keys.push(`"k${i}":0`);
      return withTail(keys.join(','));
    }),
    diff: refused(/more-keys-than-the-bound\.json: more than 200000 values in one payload/),
    send: refused(/more-keys-than-the-bound\.json: .*more than 200000 keys and items/),
    listen: 400, // over the 1 MiB body cap it is 413: the listen test sends the same item bound inside it
  },
  {
    name: '__proto__, constructor and prototype keys',
    make: () => withTail('"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}'),
    diff: ok,
    send: ok,
    listen: 200,
  },
  {
    name: 'duplicate keys (the last wins, as in JSON.parse)',
    make: () => sample.replace(/^{/, '{"state":"DUPLICATE",'),
    diff: ok,
    send: ok,
    listen: 200,
  },
  {
    name: 'a number beyond 2^53',
    make: () => withTail('"bigScore":9007199254740993'),
    diff: ok,
    send: ok,
    listen: 200,
  },
  {
    name: 'invalid UTF-8',
    make: () =>
      Buffer.concat([
        Buffer.from(sample.slice(0, 20)),
        Buffer.from([0xff, 0xfe]),
        Buffer.from(sample.slice(20)),
      ]),
    diff: refused(/invalid-UTF-8\.json: invalid UTF-8 at byte 20/),
    send: refused(/invalid-UTF-8\.json: invalid UTF-8 at byte 20/),
    listen: 400,
  },
  {
    name: 'a UTF-16 file',
    make: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample, 'utf16le')]),
    diff: refused(/a-UTF-16-file\.json: .*UTF-16/),
    send: refused(/a-UTF-16-file\.json: .*UTF-16/),
    listen: 400,
  },
  {
    name: 'a UTF-8 BOM',
    make: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample)]),
    diff: ok,
    send: ok,
    listen: 200, // RFC 8259 lets a parser ignore a BOM; the signature covers the raw bytes anyway
  },
  {
    name: 'a YAML alias bomb (payloads are JSON)',
    make: () =>
      'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n',
    diff: refused(/a-YAML-alias-bomb-payloads-are-JSON-\.json:1:1: invalid JSON/),
    send: refused(/not valid JSON \(Unexpected token 'a'\)$/m),
    listen: 400,
  },
  {
    name: 'binary garbage',
    make: () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    diff: refused(/binary-garbage\.json: invalid UTF-8/),
    send: refused(/binary-garbage\.json: invalid UTF-8/),
    listen: 400,
  },
  {
    name: 'an empty file',
    make: () => '',
    diff: refused(/no payloads found/),
    send: refused(/an-empty-file\.json: not valid JSON/),
    listen: 400,
  },
];
