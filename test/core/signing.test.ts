import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signBody, verifySignature } from '../../src/core/signing.js';
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
