import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import type { Output } from '../../src/contracts/index.js';
import { summarizeAccount } from '../../src/core/account/summary.js';
import { validateAccount } from '../../src/core/account/validate.js';
import { signBody, verifyRotation } from '../../src/core/signing.js';
import { MESSAGES } from '../../src/messages/index.js';
import { FIXTURES } from '../helpers/bin.js';
import { CHECK_REPORTERS, renderCheckInvalidJson } from '../../src/ui/reporters/check.js';
import { renderInitJson } from '../../src/ui/reporters/init.js';
import {
  createBatchedWriter,
  createListenOutput,
  listenJson,
  renderListenEvent,
  type ListenEvent,
} from '../../src/ui/reporters/listen.js';
import { versioned } from '../../src/ui/reporters/json-document.js';
import { printSamples } from '../../src/ui/reporters/sample.js';
import { SIGN_REPORTERS } from '../../src/ui/reporters/sign.js';
import { VERIFY_REPORTERS } from '../../src/ui/reporters/verify.js';

const plain = new Chalk({ level: 0 });

/** An Output that records each write (one entry per system call the real one would make). */
function recorder(): Output & { writes: string[] } {
  const writes: string[] = [];
  return { writes, write: (t) => void writes.push(t), isTTY: false, columns: 100, colorLevel: 0 };
}
const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

const delivery = (over: Partial<ListenEvent> = {}): ListenEvent & Record<string, unknown> => ({
  event: 'delivery',
  at: '2024-05-01T10:11:12.345Z',
  method: 'POST',
  path: '/',
  status: 200,
  result: 'accepted',
  reason: 'accepted',
  id: 'p-1',
  bytes: 321,
  test: true,
  ...over,
});

describe('listen reporter', () => {
  it('one human line per delivery: time, status, verdict, id, size, and why when not accepted', () => {
    expect(renderListenEvent(delivery(), plain)).toBe(
      '10:11:12.345  200  accepted  p-1 (321 B, qwh test)\n',
    );
    expect(
      renderListenEvent(
        delivery({ status: 401, result: 'rejected', reason: 'bad', id: undefined, test: false }),
        plain,
      ),
    ).toBe('10:11:12.345  401  rejected  (321 B) — bad\n');
  });

  it('an accepted delivery that departs from the model is shown with each warning under it', () => {
    const w = ['form[0].responses[0]: has neither value nor file'];
    expect(renderListenEvent(delivery({ warnings: w }), plain)).toBe(
      '10:11:12.345  200  accepted  p-1 (321 B, qwh test)\n    ⚠ form[0].responses[0]: has neither value nor file\n',
    );
  });

  it('a --json event line is JSON.stringify of the versioned event, byte for byte', () => {
    const events = [
      delivery(),
      { ...delivery({ secret: 'previous', warnings: ['a: "quoted"'] }), sha256: 'ab'.repeat(32) },
      delivery({ status: 502, forward: { message: 'refused', ms: 3 }, id: 'é\u2028' }),
    ];
    for (const e of events) expect(listenJson.event(e)).toBe(JSON.stringify(versioned(e)) + '\n');
  });

  it('batches: many events in one turn of the event loop are one write', async () => {
    const out = recorder();
    const w = createBatchedWriter(out);
    for (let i = 0; i < 100; i++) w.print(`line ${i}\n`);
    expect(out.writes).toEqual([]);
    await turn();
    expect(out.writes).toHaveLength(1);
    expect(out.writes[0]?.split('\n')).toHaveLength(101);
  });

  it('writes at once past 64 KiB, and nothing once stdout is gone', async () => {
    const out = recorder();
    const w = createBatchedWriter(out);
    w.print('x'.repeat(70_000));
    expect(out.writes).toHaveLength(1);
    w.gone();
    w.print('more\n');
    w.flush();
    await turn();
    expect(out.writes).toHaveLength(1);
  });

  it('--json: ready first, the events as the receiver reported them, stopped last', async () => {
    const out = recorder();
    const stream = new EventEmitter();
    const o = createListenOutput({ stdout: out }, true, stream);
    o.ready('http://127.0.0.1:1/');
    o.event(delivery());
    o.stopped({ received: 1, accepted: 1, duplicates: 0, rejected: 0, saved: 0 });
    const lines = out.writes
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(lines).toEqual([
      { schemaVersion: 1, event: 'ready', url: 'http://127.0.0.1:1/' },
      { schemaVersion: 1, ...delivery() },
      {
        schemaVersion: 1,
        event: 'stopped',
        received: 1,
        accepted: 1,
        duplicates: 0,
        rejected: 0,
        saved: 0,
      },
    ]);
    // A reader that went away (EPIPE) stops the printing, not the receiver.
    stream.emit('error', new Error('EPIPE'));
    o.event(delivery());
    await turn();
    expect(out.writes.join('').trim().split('\n')).toHaveLength(3);
  });
});

describe('sign / verify reporters', () => {
  const body = Buffer.from('{"a":1}');
  const signature = signBody('k', body);
  it('sign: the bare value, or one JSON document', () => {
    const r = { signature, bytes: 7, sha256: 'ab' };
    expect(SIGN_REPORTERS.human(r)).toBe(`${signature}\n`);
    expect(JSON.parse(SIGN_REPORTERS.json(r))).toEqual({
      schemaVersion: 1,
      header: 'X-Qualifio-Signature',
      signature,
      bytes: 7,
      sha256: 'ab',
    });
  });
  it('verify: a match (and which secret), a mismatch with its reason and causes; JSON carries the reason', () => {
    const ok = { result: verifyRotation('k', undefined, body, signature), bytes: 7, sha256: 'ab' };
    expect(VERIFY_REPORTERS.human(ok, plain)).toBe(`✔ ${MESSAGES.sign.match}\n`);
    expect(JSON.parse(VERIFY_REPORTERS.json(ok, plain))).toEqual({
      schemaVersion: 1,
      ok: true,
      secret: 'current',
      bytes: 7,
      sha256: 'ab',
    });
    const old = { result: verifyRotation('new', 'k', body, signature), bytes: 7, sha256: 'ab' };
    expect(VERIFY_REPORTERS.human(old, plain)).toContain(MESSAGES.secrets.matched('previous'));
    expect(JSON.parse(VERIFY_REPORTERS.json(old, plain))).toMatchObject({ secret: 'previous' });
    const bad = {
      result: verifyRotation('other', undefined, body, signature),
      bytes: 7,
      sha256: 'ab',
    };
    const text = VERIFY_REPORTERS.human(bad, plain);
    expect(text).toContain(MESSAGES.sign.bodyFacts(7, 'ab'));
    expect(text).toContain(MESSAGES.sign.causes);
    const doc = JSON.parse(VERIFY_REPORTERS.json(bad, plain)) as Record<string, unknown>;
    expect(doc).toMatchObject({ ok: false, reason: 'mismatch', bytes: 7, sha256: 'ab' });
    expect(typeof doc.detail).toBe('string');
  });
});

describe('check reporters', () => {
  it('--json documents for a valid and an invalid file', () => {
    const v = validateAccount(
      JSON.parse(readFileSync(join(FIXTURES, 'accounts/minimal.json'), 'utf8')) as unknown,
    );
    if (!v.ok) throw new Error('fixture accounts/minimal.json must be valid');
    const summary = summarizeAccount(v.account);
    const doc = JSON.parse(CHECK_REPORTERS.json('a.yaml', summary, [], plain)) as Record<
      string,
      unknown
    >;
    expect(doc).toMatchObject({ file: 'a.yaml', valid: true, warnings: [] });
    expect(doc.counts).toEqual(summary.counts);
    expect(
      JSON.parse(renderCheckInvalidJson('a.yaml', [{ path: ['account', 'id'], message: 'm' }])),
    ).toEqual({
      schemaVersion: 1,
      file: 'a.yaml',
      valid: false,
      problems: [{ path: ['account', 'id'], message: 'm' }],
    });
  });
});

describe('init reporter', () => {
  it('--json: what was written, URL credentials masked, backup only when there is one', () => {
    const data = {
      version: 1 as const,
      account: { id: 1, name: 'A' },
      webhooks: [
        {
          key: 'main',
          version: 1 as const,
          scope: 'account' as const,
          url: 'https://u:p4ss@h.example/q',
          enabled: true,
        },
      ],
      pushRules: [],
    };
    const doc = JSON.parse(
      renderInitJson({ out: 'a.yaml', format: 'yaml' }, data, undefined),
    ) as Record<string, unknown>;
    expect(doc).toMatchObject({
      file: 'a.yaml',
      format: 'yaml',
      schema: null,
      account: data.account,
    });
    expect(doc).not.toHaveProperty('backup');
    expect(JSON.stringify(doc)).not.toContain('p4ss');
    expect(
      JSON.parse(renderInitJson({ out: 'a.yaml', format: 'yaml' }, data, 'a.bak')),
    ).toHaveProperty('backup', 'a.bak');
  });
});

describe('sample printer', () => {
  const stream = Object.assign(new EventEmitter(), { writableNeedDrain: false });
  it('one payload as pretty JSON, several as NDJSON', async () => {
    const one = recorder();
    await printSamples({ stdout: one }, [{ a: 1 }], 1, stream);
    expect(one.writes.join('')).toBe('{\n  "a": 1\n}\n');
    const many = recorder();
    await printSamples({ stdout: many }, [{ a: 1 }, { a: 2 }], 2, stream);
    expect(many.writes.join('')).toBe('{"a":1}\n{"a":2}\n');
  });
});
