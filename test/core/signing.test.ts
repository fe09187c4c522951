import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import {
  bodySigner,
  diagnoseSignature,
  paddedSigner,
  signBody,
  verifySignature,
} from '../../src/core/signing.js';
import { MESSAGES } from '../../src/messages/index.js';
import { FIXTURES } from '../helpers/bin.js';

interface Vector {
  name: string;
  secret: string;
  bodyBase64: string;
  expected: string;
}
const { vectors } = JSON.parse(readFileSync(join(FIXTURES, 'signing/vectors.json'), 'utf8')) as {
  vectors: Vector[];
};

describe('bodySigner', () => {
  it('signs like signBody and createHmac: known answers, keys shorter and longer than a block', () => {
    for (const v of vectors) {
      const body = Buffer.from(v.bodyBase64, 'base64');
      expect(bodySigner(v.secret)(body)).toBe(signBody(v.secret, body));
    }
    const bodies = [Buffer.alloc(0), Buffer.from('{"id":"é"}'), Buffer.alloc(5000, 0x61)];
    for (const secret of ['abcd', 'k'.repeat(64), 'é'.repeat(40), Buffer.alloc(200, 7)]) {
      const sign = bodySigner(secret);
      for (const body of bodies) {
        const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
        const mac = createHmac('sha256', key).update(body).digest('hex');
        expect(sign(body)).toBe(`sha256=${mac}`);
      }
    }
  });
});

describe('paddedSigner', () => {
  it('is HMAC-SHA256: equal to createHmac and signBody for keys below, at and above 64 bytes', () => {
    const bodies = [Buffer.alloc(0), Buffer.from('{"id":"é"}'), Buffer.alloc(5000, 0x61)];
    for (const v of vectors) bodies.push(Buffer.from(v.bodyBase64, 'base64'));
    const secrets = ['abcd', 'k'.repeat(63), 'k'.repeat(64), 'k'.repeat(65), 'é'.repeat(40)];
    for (const secret of [...secrets, Buffer.alloc(200, 7), ...vectors.map((v) => v.secret)]) {
      const s = paddedSigner(secret);
      expect(s.innerPad.length).toBe(64);
      for (const body of bodies) {
        const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
        const want = `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
        expect(s.sign(Buffer.concat([s.innerPad, body]))).toBe(want);
        expect(signBody(secret, body)).toBe(want);
      }
    }
  });
});

describe('signBody', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('matches the known answer for %s', (_n, v) => {
    expect(signBody(v.secret, Buffer.from(v.bodyBase64, 'base64'))).toBe(v.expected);
  });

  it('the vectors cover non-ASCII, empty and whitespace-changed bodies', () => {
    const names = vectors.map((v) => v.name);
    expect(names).toEqual(
      expect.arrayContaining(['non-ascii-body', 'empty-body', 'whitespace-changed']),
    );
    const a = vectors.find((v) => v.name === 'ascii-compact')!;
    const b = vectors.find((v) => v.name === 'whitespace-changed')!;
    expect(a.expected).not.toBe(b.expected);
  });
});

describe('verifySignature', () => {
  const body = Buffer.from('{"a":1}');
  const good = signBody('s3cret-value', body);
  it('accepts the right signature', () => {
    expect(verifySignature('s3cret-value', body, good)).toEqual({ ok: true });
  });
  it('accepts upper-case hex (receivers should not be stricter than needed)', () => {
    expect(verifySignature('s3cret-value', body, 'sha256=' + good.slice(7).toUpperCase())).toEqual({
      ok: true,
    });
  });
  it.each([
    [undefined, 'missing'],
    ['', 'missing'],
    ['sha1=' + good.slice(7), 'wrong-prefix'],
    [good.slice(7), 'wrong-prefix'],
    ['sha256=' + Buffer.from(good.slice(7), 'hex').toString('base64'), 'wrong-encoding'],
    ['sha256=abc', 'wrong-encoding'],
    [signBody('other-secret', body), 'mismatch'],
    [signBody('s3cret-value', Buffer.from('{"a":2}')), 'mismatch'],
  ])('reports %s as %s', (header, reason) => {
    const r = verifySignature('s3cret-value', body, header);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(reason);
  });
});

describe('the signature doctor (qwh verify prints it in the detail)', () => {
  const secret = 'doctor-secret-1';
  // Indented like Qualifio's published example, with a trailing newline.
  const body = Buffer.from(
    '{\n    "id": "7E57",\n    "url": "https:\\/\\/x.example\\/\\u00e9"\n}\n',
  );
  const hmac = (key: string, bytes: Buffer): Buffer =>
    createHmac('sha256', key).update(bytes).digest();
  const D = MESSAGES.sign.doctor;

  it.each([
    [
      'a base64 digest',
      'sha256=' + hmac(secret, body).toString('base64'),
      'wrong-encoding',
      ['base64-digest'],
    ],
    [
      'a re-serialised body',
      signBody(secret, Buffer.from(JSON.stringify(JSON.parse(body.toString())))),
      'mismatch',
      ['reserialised-body'],
    ],
    [
      'the trailing newline removed',
      signBody(secret, body.subarray(0, body.length - 1)),
      'mismatch',
      ['trailing-newline-removed'],
    ],
    [
      'a secret with a trailing newline',
      signBody(`${secret}\n`, body),
      'mismatch',
      ['secret-whitespace'],
    ],
  ] as const)('names %s', (_name, header, reason, mistakes) => {
    expect(diagnoseSignature({ body, secret, signature: header })?.mistakes).toEqual(mistakes);
    const r = verifySignature(secret, body, header);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe(reason);
      expect(r.detail).toContain(D.found(mistakes.map((m) => D.mistakes[m])));
    }
  });

  it('also finds CRLF line ends, an added newline, the previous secret, and combinations', () => {
    const crlf = Buffer.from(body.toString().replace(/\n/g, '\r\n'));
    expect(
      diagnoseSignature({ body, secret, signature: signBody(secret, crlf) })?.mistakes,
    ).toEqual(['crlf']);
    const compact = Buffer.from('{"a":1}');
    expect(
      diagnoseSignature({
        body: compact,
        secret,
        signature: signBody(secret, Buffer.from('{"a":1}\n')),
      })?.mistakes,
    ).toEqual(['trailing-newline-added']);
    const r = verifySignature(secret, body, signBody('old-secret', body), {
      previousSecret: 'old-secret',
    });
    expect(!r.ok && r.detail).toContain(D.mistakes['previous-secret']);
    const both =
      'sha256=' +
      hmac(secret, Buffer.from(JSON.stringify(JSON.parse(body.toString())))).toString('base64');
    expect(diagnoseSignature({ body, secret, signature: both })?.mistakes).toEqual([
      'base64-digest',
      'reserialised-body',
    ]);
  });

  it('does not call a short hex string base64, and says nothing when no guess matches', () => {
    const r = verifySignature(secret, body, 'sha256=deadbeef');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('wrong-encoding');
      expect(r.detail).toBe(D.shortHex(8));
      expect(r.detail).not.toContain('base64');
    }
    const other = verifySignature(secret, body, signBody('unrelated', body));
    expect(!other.ok && other.detail).toBe(D.mismatch);
    expect(diagnoseSignature({ body, secret, signature: signBody(secret, body) })).toBeUndefined();
  });
});
