import { describe, expect, it } from 'vitest';
import { checkAccountSemantics } from '../../src/core/account/semantics.js';
import type { AccountFile } from '../../src/core/account/schema.js';
import { classifyHost } from '../../src/core/migrate/host-class.js';
import {
  MASK,
  maskSecrets,
  maskUrlSecrets,
  Redactor,
  secretWeakness,
} from '../../src/core/redact.js';

// Issue 16 bug 2 / issue 17 #4, #10, #11: mask where secrets occur; one address policy.

describe('the last-line scan (redact) never garbles ids, keys or qwh text with a short secret', () => {
  it.each([
    ['secret', '{"id":"rejects-wrong-secret"}'],
    ['pass', '{"counts":{"pass":3}}'],
    ['webhook', 'Name  Acme Media webhook 2.0'],
  ])('secret %j leaves %j as it is', (secret, text) => {
    const r = new Redactor();
    r.add(secret);
    expect(r.redact(text)).toBe(text);
  });
  it('an unambiguous secret (12+ characters, not a common word) is still masked everywhere', () => {
    const r = new Redactor();
    r.add('x9-unambiguous-42');
    expect(r.redact('id-x9-unambiguous-42-end')).toBe(`id-${MASK}-end`);
  });
});

describe('mask: every registered secret where secrets occur, in every escaped form', () => {
  const r = new Redactor();
  r.add('shh-lit-41');
  it.each([
    ['plain', '"secret": "shh-lit-41"'],
    ['JSON \\u escapes (mixed case)', '"secret": "\\u0073hh-\\u006Cit-41"'],
    ['YAML \\x escape', 'secret: "\\x73hh-lit-41"'],
    ['percent-encoded', 'token=shh%2Dlit%2D41&x'],
    ['base64', Buffer.from('shh-lit-41').toString('base64').replace(/=+$/, '')],
  ])('%s', (_, text) => {
    expect(r.mask(text)).toContain(MASK);
    expect(r.mask(text)).not.toMatch(/lit|41|c2hoLWxp/);
  });
  it('not inside a longer word', () => {
    expect(maskSecrets('password: pass', ['pass'])).toBe(`password: ${MASK}`);
  });
  it('YAML single quotes doubled', () => {
    expect(maskSecrets("value: 'it''s-secret'", ["it's-secret"])).toBe(`value: '${MASK}'`);
  });
  it('URL credentials only where they stand in a URL (also JSON-escaped), not the same word elsewhere', () => {
    const text =
      '"url": "https:\\/\\/acme:webhook@h.example\\/q", "name": "Acme Media webhook 2.0"';
    expect(maskUrlSecrets(text, ['webhook'])).toBe(
      `"url": "https:\\/\\/acme:${MASK}@h.example\\/q", "name": "Acme Media webhook 2.0"`,
    );
  });
});

describe('weak secrets', () => {
  it.each([
    ['ab', 'too-short'],
    ['abcdef', 'short'],
    ['password', 'common'],
    ['Secret', 'common'],
    ['12345678', 'common'],
    ['a8f3-d01c-77', undefined],
  ])('%j is %s', (v, why) => expect(secretWeakness(v)).toBe(why));
  it('the masker says once, by label, never with the value', () => {
    const said: string[] = [];
    const r = new Redactor({ onWeak: (why, label) => said.push(`${why} ${label}`) });
    r.add('secret', 'environment variable QS');
    r.add('secret', 'environment variable QS');
    expect(said).toEqual(['common environment variable QS']);
  });
});

describe('one address policy: the planner classifies every metadata spelling as never-a-target', () => {
  const HOSTS = [
    'metadata.goog',
    '192.0.0.192',
    new URL('https://[::169.254.169.254]/').hostname,
    new URL('https://[64:ff9b::a9fe:a9fe]/').hostname,
    new URL('https://[::ffff:169.254.169.254]/').hostname,
    '[fd00:ec2::254]',
    '100.100.100.200',
    'metadata.azure.internal',
    'METADATA.GOOGLE.INTERNAL.',
  ];
  it.each(HOSTS)('%s', (h) => expect(classifyHost(h)).toBe('link-local'));
  it('private and loopback stay what they are', () => {
    expect(classifyHost('10.0.0.1')).toBe('private');
    expect(classifyHost('127.0.0.1')).toBe('loopback');
    expect(classifyHost('hooks.example.com')).toBe('public');
  });
  it('check warns of a metadata host', () => {
    const account = {
      version: 1,
      account: { id: 1, name: 'A' },
      webhooks: [
        { key: 'main', version: 1, scope: 'account', url: 'https://100.100.100.200/hook' },
      ],
      pushRules: [{ level: 'default', destination: 'main' }],
    } as unknown as AccountFile;
    const { warnings } = checkAccountSemantics(account);
    expect(warnings).toContainEqual(
      expect.objectContaining({
        path: ['webhooks', 0, 'url'],
        message: expect.stringMatching(/cloud metadata address: qwh never sends there/) as string,
      }),
    );
  });
});
