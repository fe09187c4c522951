import { describe, expect, it } from 'vitest';
import { startReceiver, type DeliveryEvent } from '../../src/adapters/local-receiver.js';
import { decodeUtf8Body } from '../../src/core/endpoint/decode.js';
import { generateSample } from '../../src/core/sample/generate.js';

const fatal = new TextDecoder('utf-8', { fatal: true });
const reference = (b: Buffer): string | undefined => {
  try {
    return fatal.decode(b);
  } catch {
    return undefined;
  }
};

const { v2 } = generateSample(7);
const json = JSON.stringify({ ...v2, state: 'café ☕ 𝄞 日本' });
const other = JSON.stringify({ ...generateSample(8).v2, state: 'Zürich' });
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const BODIES: Array<[string, Buffer]> = [
  ['ASCII', Buffer.from(JSON.stringify(v2))],
  ['accents, BMP and astral characters', Buffer.from(json)],
  ['a leading BOM', Buffer.concat([BOM, Buffer.from(other)])],
  ['two BOMs', Buffer.concat([BOM, BOM, Buffer.from(json)])],
  ['a BOM alone', BOM],
  ['empty', Buffer.alloc(0)],
  ['a lone continuation byte', Buffer.from([0x7b, 0x80, 0x7d])],
  ['an overlong slash', Buffer.from([0x22, 0xc0, 0xaf, 0x22])],
  ['an encoded surrogate', Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22])],
  [
    'a truncated sequence at the end',
    Buffer.concat([Buffer.from(json), Buffer.from([0xe2, 0x82])]),
  ],
  ['latin-1 bytes', Buffer.from('{"state":"caf\u00e9"}', 'latin1')],
  ['above U+10FFFF', Buffer.from([0x22, 0xf4, 0x90, 0x80, 0x80, 0x22])],
];

describe('the cheap decode (isUtf8 + non-fatal toString) gives what the strict decoder gives', () => {
  it.each(BODIES)('%s', (_name, body) => {
    expect(decodeUtf8Body(body)).toBe(reference(body));
  });

  // The piecewise decode (ASCII runs as Latin-1, non-ASCII runs as UTF-8, words of four bytes
  // at a time) must not depend on where a character falls against the word boundaries, nor on
  // how many runs there are (past 64 it hands the rest to the one-call decoder).
  it("gives the strict decoder's text at every alignment and run count", () => {
    const pieces = [
      'a',
      'bcde',
      '"',
      ' ',
      '\n',
      'é',
      'ø',
      '—',
      '☕',
      '𝄞',
      '日本',
      '\u0080',
      '\uffff',
    ];
    let seed = 18;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const arena = Buffer.alloc(4096);
    for (let round = 0; round < 3000; round++) {
      let text = next(5) === 0 ? '\ufeff' : '';
      const n = next(round % 10 === 0 ? 400 : 40);
      for (let k = 0; k < n; k++) text += next(3) ? 'x' : pieces[next(pieces.length)];
      const raw = Buffer.from(text);
      const at = next(8);
      raw.copy(arena, at);
      const body = arena.subarray(at, at + raw.length);
      expect(decodeUtf8Body(body)).toBe(reference(body));
    }
  });

  it('qwh listen answers every one of those bodies as the strict decoder would have it', async () => {
    const events: DeliveryEvent[] = [];
    const r = await startReceiver({ onEvent: (e) => events.push(e) });
    for (const [, body] of BODIES) {
      await fetch(r.url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    }
    await r.close();
    const expected = BODIES.map(([, body]) => {
      const text = reference(body);
      if (text === undefined) return 'rejected:not JSON';
      try {
        JSON.parse(text);
        return 'parsed';
      } catch {
        return 'rejected:not JSON';
      }
    });
    const got = events.map((e) =>
      e.result === 'rejected' && /JSON/i.test(e.reason) ? 'rejected:not JSON' : 'parsed',
    );
    expect(got).toEqual(expected);
    // The BOM body is a participation (accepted), the invalid ones are refused.
    expect(events[2]?.result).toBe('accepted');
  });
});
