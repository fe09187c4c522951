import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_LINE_BYTES,
  walkCaptures,
  type Capture,
  type WalkCapturesOptions,
} from '../../src/adapters/capture-walker.js';
import { loadPayloads } from '../../src/adapters/payload-input.js';
import { readPayloads } from '../../src/adapters/payload-reader.js';
import { UserError } from '../../src/core/errors.js';
import { generateSample } from '../../src/core/sample/generate.js';
import { MESSAGES } from '../../src/messages/index.js';
import { tempDir } from '../helpers/bin.js';

let t: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  t = await tempDir('qwh-walker-');
});
afterAll(async () => t.cleanup());

const HINT = 'the not-found hint';
const EMPTY = (shown: string): UserError => new UserError(`empty: ${shown}`);

/** What a consumer sees: the text of each capture (copied as it comes, as the contract asks). */
type Seen =
  | { kind: 'document' | 'line'; where: string; text: string }
  | { kind: 'too-long'; where: string; length: number };

function seen(c: Capture): Seen {
  return c.kind === 'too-long'
    ? c
    : { kind: c.kind, where: c.where, text: Buffer.from(c.bytes).toString('utf8') };
}

async function walk(
  input: string,
  opts: Partial<WalkCapturesOptions> = {},
): Promise<{ items: Seen[]; notices: string[]; bytes: number }> {
  const notices: string[] = [];
  let bytes = 0;
  const items: Seen[] = [];
  for await (const c of walkCaptures(input, {
    cwd: t.dir,
    notFoundHint: HINT,
    emptyFolder: EMPTY,
    onNotice: (n) => notices.push(n),
    onBytes: (n) => (bytes += n),
    ...opts,
  }))
    items.push(seen(c));
  return { items, notices, bytes };
}

async function refusal(input: string, opts: Partial<WalkCapturesOptions> = {}): Promise<UserError> {
  const e: unknown = await walk(input, opts).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UserError);
  return e as UserError;
}

describe('walkCaptures: the folder rule', () => {
  it('takes capture files in name order, one level deep; skips hidden, counts the rest', async () => {
    const d = join(t.dir, 'captures');
    await mkdir(join(d, 'sub'), { recursive: true });
    await mkdir(join(d, 'old.json')); // a folder with a capture name is still a folder
    await writeFile(join(d, 'b.json'), '{"b":1}');
    await writeFile(join(d, 'a.ndjson'), '{"a":1}\n\n{"a":2}\n');
    await writeFile(join(d, 'C.txt'), 'x=1');
    await writeFile(join(d, '10.form'), 'y=2');
    await writeFile(join(d, '9.JSON'), '{"nine":9}');
    await writeFile(join(d, 'README.md'), '# not a capture');
    await writeFile(join(d, '.hidden.json'), '{"hidden":true}');
    await writeFile(join(d, '.DS_Store'), 'junk');
    await writeFile(join(d, 'sub', 'nested.json'), '{"nested":true}');
    const r = await walk('captures');
    // Code-unit order: digits, then upper case, then lower case — the same on every machine.
    expect(r.items).toEqual([
      { kind: 'document', where: 'captures/10.form', text: 'y=2' },
      { kind: 'document', where: 'captures/9.JSON', text: '{"nine":9}' },
      { kind: 'document', where: 'captures/C.txt', text: 'x=1' },
      { kind: 'line', where: 'captures/a.ndjson:1', text: '{"a":1}' },
      { kind: 'line', where: 'captures/a.ndjson:3', text: '{"a":2}' },
      { kind: 'document', where: 'captures/b.json', text: '{"b":1}' },
    ]);
    // README.md, sub/ and old.json/ are ignored and said so; hidden entries are not counted.
    expect(r.notices).toEqual([MESSAGES.diff.folderIgnored('captures', 3)]);
    // Folder entries are named as the folder was given, joined with the name.
    const abs = await walk(join(t.dir, 'captures'));
    expect(abs.items[0]!.where).toBe(join(t.dir, 'captures', '10.form'));
    expect((await walk('./captures/')).items[0]!.where).toBe('captures/10.form');
  });

  it('a folder without captures is the caller error; hidden files alone do not count', async () => {
    const d = join(t.dir, 'only-hidden');
    await mkdir(d);
    await writeFile(join(d, '.a.json'), '{}');
    await writeFile(join(d, 'notes.md'), '');
    const e = await refusal('only-hidden');
    expect(e.message).toBe('empty: only-hidden');
    await mkdir(join(t.dir, 'empty'));
    expect((await refusal('empty')).message).toBe('empty: empty');
  });

  it('follows a symlink to a capture; a dangling one is "no such file", never skipped', async () => {
    const d = join(t.dir, 'linked');
    await mkdir(d);
    await writeFile(join(t.dir, 'outside.json'), '{"outside":1}');
    await symlink(join(t.dir, 'outside.json'), join(d, 'link.json'));
    await symlink(join(t.dir, 'captures'), join(d, 'dirlink.json'));
    expect((await walk('linked')).items).toEqual([
      { kind: 'document', where: 'linked/link.json', text: '{"outside":1}' },
    ]);
    expect((await walk('linked')).notices).toEqual([MESSAGES.diff.folderIgnored('linked', 1)]);
    await symlink(join(t.dir, 'missing.json'), join(d, 'dangling.json'));
    const e = await refusal('linked');
    expect(e.message).toBe(MESSAGES.input.notFound('linked/dangling.json'));
    expect(e.hint).toBe(HINT);
    // Given directly, a symlink is followed too.
    expect((await walk('linked/link.json')).items).toHaveLength(1);
  });

  it('refuses a FIFO, given directly or in a folder, without opening it', async () => {
    const d = join(t.dir, 'piped');
    await mkdir(d);
    await writeFile(join(d, 'a.json'), '{}');
    execFileSync('mkfifo', [join(d, 'live.ndjson')]);
    // Opening a FIFO with no writer would block: these return at once or the test times out.
    const direct = await refusal('piped/live.ndjson');
    expect(direct.message).toBe(
      MESSAGES.input.notRegular('piped/live.ndjson', 'named pipe (FIFO)'),
    );
    const inFolder = await refusal('piped');
    expect(inFolder.message).toBe(
      MESSAGES.input.notRegular('piped/live.ndjson', 'named pipe (FIFO)'),
    );
    // A device is refused the same way (it would never end).
    expect((await refusal('/dev/zero')).message).toBe(
      MESSAGES.input.notRegular('/dev/zero', 'character device'),
    );
  }, 5000);

  it('a missing path is the file error with the caller hint', async () => {
    const e = await refusal('nope/none.json');
    expect(e.message).toBe(MESSAGES.input.notFound('nope/none.json'));
    expect(e.hint).toBe(HINT);
  });
});

describe('walkCaptures: NDJSON and documents', () => {
  it('lines: blank ones skipped, CR dropped, a too-long one reported by length only', async () => {
    const long = 'z'.repeat(5000);
    const text = `{"a":1}\r\n   \n\t\r\n{"long":"${long}"}\n{"b":2}\n{"c":3}`;
    await writeFile(join(t.dir, 's.ndjson'), text);
    const r = await walk('s.ndjson', { maxLineBytes: 1000 });
    expect(r.items).toEqual([
      { kind: 'line', where: 's.ndjson:1', text: '{"a":1}' },
      { kind: 'too-long', where: 's.ndjson:4', length: long.length + 11 },
      { kind: 'line', where: 's.ndjson:5', text: '{"b":2}' },
      { kind: 'line', where: 's.ndjson:6', text: '{"c":3}' },
    ]);
    expect(r.bytes).toBe(Buffer.byteLength(text));
  });

  it('streams a big NDJSON file in chunks: lines across chunk edges arrive whole, bytes counted once', async () => {
    // ~3 MiB of lines of uneven length, so some straddle the 1 MiB chunk edges.
    const lines = Array.from({ length: 30_000 }, (_, i) =>
      JSON.stringify({ i, pad: 'p'.repeat(i % 197) }),
    );
    const text = lines.join('\n') + '\n';
    await writeFile(join(t.dir, 'big.jsonl'), text);
    const r = await walk('big.jsonl');
    expect(r.items).toHaveLength(lines.length);
    expect(r.items.every((c, i) => c.kind === 'line' && c.where === `big.jsonl:${i + 1}`)).toBe(
      true,
    );
    expect(r.items.map((c) => (c.kind === 'line' ? c.text : '')).join('\n') + '\n').toBe(text);
    expect(r.bytes).toBe(Buffer.byteLength(text));
  });

  it('a file over the document bound is streamed as lines, whatever its name', async () => {
    await writeFile(join(t.dir, 'grown.json'), '{"a":1}\n{"a":2}\n');
    const r = await walk('grown.json', { maxDocumentBytes: 8 });
    expect(r.items.map((i) => i.where)).toEqual(['grown.json:1', 'grown.json:2']);
  });

  it("a document is split into lines only when the caller's content rule says so", async () => {
    await writeFile(join(t.dir, 'two.json'), '{"a":1}\n{"a":2}\n');
    const asked: string[] = [];
    const r = await walk('two.json', {
      isNdjson: (bytes, where) => {
        asked.push(where);
        return bytes[0] === 0x7b;
      },
    });
    expect(asked).toEqual(['two.json']);
    expect(r.items).toEqual([
      { kind: 'line', where: 'two.json:1', text: '{"a":1}' },
      { kind: 'line', where: 'two.json:2', text: '{"a":2}' },
    ]);
    expect(r.bytes).toBe(16); // the split reads nothing more
    expect((await walk('two.json')).items).toEqual([
      { kind: 'document', where: 'two.json', text: '{"a":1}\n{"a":2}\n' },
    ]);
  });

  it('the file cap refuses before reading, streamed or not', async () => {
    await writeFile(join(t.dir, 'capped.ndjson'), '{"a":1}\n'.repeat(10));
    await writeFile(join(t.dir, 'capped.json'), '{"a":1}'.repeat(10));
    for (const [f, size] of [
      ['capped.ndjson', 80],
      ['capped.json', 70],
    ] as const) {
      const e = await refusal(f, { maxFileBytes: 50, onBytes: () => expect.fail('read') });
      expect(e.message).toBe(MESSAGES.input.tooLarge(f, size, 50));
    }
  });
});

describe('walkCaptures: stdin', () => {
  it('- reads the stream: a small input is one document', async () => {
    const r = await walk('-', { stdin: Readable.from([Buffer.from('{"a"'), Buffer.from(':1}')]) });
    expect(r.items).toEqual([{ kind: 'document', where: 'stdin', text: '{"a":1}' }]);
    expect(r.bytes).toBe(7);
  });

  it('over the document bound it is NDJSON: held chunks replayed, the rest streamed', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(40) }));
    const text = lines.join('\n') + '\n';
    // Small chunks, so the 512-byte bound is crossed mid-line.
    const chunks = text.match(/[\s\S]{1,61}/g)!.map((c) => Buffer.from(c));
    const r = await walk('-', { stdin: Readable.from(chunks), maxDocumentBytes: 512 });
    expect(r.items).toHaveLength(100);
    expect(r.items[99]).toEqual({ kind: 'line', where: 'stdin:100', text: lines[99] });
    expect(r.bytes).toBe(Buffer.byteLength(text)); // every byte counted once
    const e = await refusal('-', {
      stdin: Readable.from(chunks),
      maxDocumentBytes: 512,
      maxFileBytes: 1024,
    });
    expect(e.message).toMatch(/^stdin: \d+ bytes is over the 1024-byte limit/);
  });

  it('without a stdin option, - is an ordinary path', async () => {
    const e = await refusal('-');
    expect(e.message).toBe(MESSAGES.input.notFound('-'));
    await writeFile(join(t.dir, '-'), '{"dash":1}');
    expect((await walk('-')).items).toEqual([{ kind: 'document', where: '-', text: '{"dash":1}' }]);
  });
});

describe('one rule for both readers: diff-payload and test-endpoint --payload', () => {
  it('the same folder gives the same captures, names and notice to both', async () => {
    const d = join(t.dir, 'shared');
    await mkdir(join(d, 'sub'), { recursive: true });
    const body = (id: string): string =>
      JSON.stringify({ ...(generateSample(3).v2 as object), id });
    await writeFile(join(d, 'b.json'), body('B'));
    await writeFile(join(d, 'a.ndjson'), `${body('A1')}\n\n${body('A2')}\n`);
    await writeFile(join(d, '.hidden.json'), body('HIDDEN'));
    await writeFile(join(d, 'notes.md'), '');
    await writeFile(join(d, 'sub', 'c.json'), body('NESTED'));
    await writeFile(join(t.dir, 'linked-body.json'), body('LINKED'));
    await symlink(join(t.dir, 'linked-body.json'), join(d, 'l.json'));
    const expected = ['shared/a.ndjson:1', 'shared/a.ndjson:3', 'shared/b.json', 'shared/l.json'];
    const notice = MESSAGES.diff.folderIgnored('shared', 2);

    const diffNotices: string[] = [];
    const events: string[] = [];
    for await (const ev of readPayloads('shared', {
      side: 'v2',
      cwd: t.dir,
      stdin: Readable.from([]),
      onNotice: (n) => diffNotices.push(n),
    })) {
      expect(ev.kind).toBe('record');
      events.push(ev.where);
    }
    expect(events).toEqual(expected);
    expect(diffNotices).toEqual([notice]);

    const warnings: string[] = [];
    const payloads = await loadPayloads('shared', t.dir, 2, (w) => warnings.push(w));
    expect(payloads.map((p) => p.source)).toEqual(expected);
    expect(warnings).toContain(notice);
    // The exact bytes of each line are kept (no CR, no newline), and outlive the read chunk.
    expect(payloads[0]!.bytes.toString('utf8')).toBe(body('A1'));
    expect(payloads[3]!.bytes.toString('utf8')).toBe(body('LINKED'));
  });

  it('test-endpoint refuses a line over the line cap, naming file and line', async () => {
    const big = JSON.stringify({ id: 'X', pad: 'p'.repeat(MAX_LINE_BYTES) });
    await writeFile(join(t.dir, 'huge-line.ndjson'), `{"id":"A"}\n${big}\n`);
    const e: unknown = await loadPayloads('huge-line.ndjson', t.dir, 2, () => {}).catch(
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toBe(
      MESSAGES.input.tooLarge('huge-line.ndjson:2', Buffer.byteLength(big), MAX_LINE_BYTES),
    );
  });
});
