import type { PayloadEvent } from '../../src/contracts/index.js';
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eachPayload,
  readPayloads,
  type ReadPayloadsOptions,
} from '../../src/adapters/payload-reader.js';
import { UserError } from '../../src/core/errors.js';
import { MESSAGES } from '../../src/messages/index.js';
import { tempDir } from '../helpers/bin.js';

let t: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  t = await tempDir('qwh-reader-');
});
afterAll(async () => t.cleanup());

async function collect(
  input: string,
  opts: Partial<ReadPayloadsOptions> = {},
): Promise<PayloadEvent[]> {
  const out: PayloadEvent[] = [];
  const all: ReadPayloadsOptions = { side: 'v1', cwd: t.dir, stdin: Readable.from([]), ...opts };
  for await (const ev of readPayloads(input, all)) out.push(ev);
  // The diff's push loop reads the same events (a stdin stream can be read only once).
  if (!opts.stdin) {
    const pushed: PayloadEvent[] = [];
    await eachPayload(input, { ...all, stdin: Readable.from([]) }, (ev) => pushed.push(ev));
    expect(pushed).toEqual(out);
  }
  return out;
}

describe('readPayloads', () => {
  it('stdin over the document bound is NDJSON: held bytes are replayed, the rest streamed', async () => {
    const lines = Array.from({ length: 200 }, (_, i) =>
      JSON.stringify({ participation_id: `id-${i}`, pad: 'x'.repeat(50) }),
    );
    const text = lines.join('\n') + '\n';
    // Many small chunks, so the 1 KiB bound is crossed mid-line.
    const chunks = text.match(/[\s\S]{1,97}/g)!.map((c) => Buffer.from(c));
    const evs = await collect('-', { stdin: Readable.from(chunks), maxDocumentBytes: 1024 });
    expect(evs).toHaveLength(200);
    expect(evs.every((e) => e.kind === 'record')).toBe(true);
    expect(evs[199]).toMatchObject({ where: 'stdin:200', value: { participation_id: 'id-199' } });
  });

  it('handles a BOM, CRLF line ends, blank lines and form-encoded 1.0 lines', async () => {
    const f = join(t.dir, 'mixed.ndjson');
    await writeFile(
      f,
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('{"email":"a@b.co"}\r\n\r\nemail=c%40d.co&gender=F\r\n{"x":1}'),
      ]),
    );
    const evs = await collect('mixed.ndjson');
    expect(evs).toEqual([
      { kind: 'record', value: { email: 'a@b.co' }, where: 'mixed.ndjson:1' },
      { kind: 'record', value: { email: 'c@d.co', gender: 'F' }, where: 'mixed.ndjson:3' },
      { kind: 'record', value: { x: 1 }, where: 'mixed.ndjson:4' },
    ]);
    const v2 = await collect('mixed.ndjson', { side: 'v2' });
    expect(v2[1]).toEqual({
      kind: 'invalid',
      where: 'mixed.ndjson:3',
      reason: MESSAGES.diff.formNotV2,
    });
  });

  it('a JSON array holding a non-object names the item; a single form body is one record', async () => {
    await writeFile(join(t.dir, 'arr.json'), '[{"a":1}, 2]');
    expect(await collect('arr.json')).toEqual([
      { kind: 'record', value: { a: 1 }, where: 'arr.json[0]' },
      { kind: 'invalid', where: 'arr.json[1]', reason: MESSAGES.diff.notObject('number') },
    ]);
    await writeFile(join(t.dir, 'body.txt'), 'participation_id=7E57&__proto__=x\n');
    const [ev] = await collect('body.txt');
    expect(ev).toMatchObject({ kind: 'record', where: 'body.txt' });
    const value = (ev as { value: Record<string, string> }).value;
    expect(Object.keys(value)).toEqual(['participation_id', '__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('refuses UTF-16 and reports invalid UTF-8 per record', async () => {
    await writeFile(
      join(t.dir, 'u16.json'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{}', 'utf16le')]),
    );
    expect(await collect('u16.json')).toEqual([
      { kind: 'invalid', where: 'u16.json', reason: MESSAGES.diff.utf16 },
    ]);
  });

  it('a line over the cap is an invalid event naming the line; reading goes on', async () => {
    await writeFile(join(t.dir, 'long.ndjson'), `{"a":1}\n{"pad":"${'x'.repeat(200)}"}\n{"b":2}\n`);
    expect(await collect('long.ndjson', { maxLineBytes: 100 })).toEqual([
      { kind: 'record', value: { a: 1 }, where: 'long.ndjson:1' },
      { kind: 'invalid', where: 'long.ndjson:2', reason: MESSAGES.diff.lineTooLong(210, 100) },
      { kind: 'record', value: { b: 2 }, where: 'long.ndjson:3' },
    ]);
  });

  it('a FIFO with a capture name in a folder is refused, as when named directly', async () => {
    // The folder rule is the capture walker's (test/adapters/capture-walker.test.ts); this pins
    // that diff-payload no longer skips such an entry with the "not a capture" notice.
    const d = join(t.dir, 'with-fifo');
    await mkdir(d);
    await writeFile(join(d, 'a.json'), '{"a":1}');
    execFileSync('mkfifo', [join(d, 'b.ndjson')]);
    const e: unknown = await collect('with-fifo').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toBe(
      MESSAGES.input.notRegular(join('with-fifo', 'b.ndjson'), 'named pipe (FIFO)'),
    );
  });
});
