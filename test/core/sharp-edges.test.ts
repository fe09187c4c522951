import { describe, expect, it } from 'vitest';
import { checkOtherIntegration } from '../../src/core/account/init.js';
import { resolveInitInput, type InitEnvironment } from '../../src/core/account/init-input.js';
import { UserError } from '../../src/core/errors.js';
import { ExitCode } from '../../src/core/exit-codes.js';
import { INIT_OPTIONS } from '../../src/core/options/init.js';
import { resolveOptions } from '../../src/core/options/resolve.js';
import { MESSAGES } from '../../src/messages/index.js';
import { gradeAcceptCheck } from '../../src/core/endpoint/grade.js';
import { formatPathByKey } from '../../src/core/path.js';
import { validateAccount } from '../../src/core/account/validate.js';
import { parseRules } from '../../src/core/diff/rules.js';
import { editDistance, nearest } from '../../src/core/suggest.js';

// #16: sharp edges a new user trips on, each shown failing on the old behaviour.

describe('--rules problems name the entry (#16 bug 8)', () => {
  it('a wrong type is reported at [0].type, not (root)', () => {
    const r = parseRules([{ field: 'email', type: 'text' }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { path: [0, 'type'], message: expect.stringContaining('string, number') },
    ]);
  });
  it('under fields: too', () => {
    const r = parseRules({ fields: ['a', { field: 'b', required: 'yes' }] });
    expect(!r.ok && r.problems.map((p) => p.path)).toEqual([['fields', 1, 'required']]);
  });
  it('an unknown key says the nearest known one', () => {
    const r = parseRules([{ field: 'a', requird: true }]);
    expect(!r.ok && r.problems[0]).toMatchObject({
      path: [0, 'requird'],
      message: 'unknown key (did you mean required?)',
    });
  });
  it('a field listed twice is an error naming both entries, never merged', () => {
    const r = parseRules(['email', { field: 'email', type: 'number' }]);
    expect(!r.ok && r.problems).toEqual([
      { path: [1, 'field'], message: expect.stringContaining('already listed at [0]') },
    ]);
  });
  it('a number entry is refused at its index', () => {
    const r = parseRules(['a', 5]);
    expect(!r.ok && r.problems.map((p) => p.path)).toEqual([[1]]);
  });
  it('a valid list still parses', () => {
    expect(parseRules(['a', { field: 'b', type: 'string', required: true }])).toEqual({
      ok: true,
      value: [{ field: 'a' }, { field: 'b', type: 'string', required: true }],
    });
  });
});

describe('typos get a suggestion (#16 bug 11)', () => {
  it('nearest: typos, not other words', () => {
    expect(nearest('mian', ['main', 'news'])).toBe('main');
    expect(nearest('enabeld', ['enabled', 'url', 'key'])).toBe('enabled');
    expect(nearest('crm', ['cms'])).toBeUndefined();
    expect(nearest('hubspot', ['main', 'news'])).toBeUndefined();
    expect(nearest('Main', ['main'])).toBe('main');
    expect(editDistance('ab', 'ba')).toBe(1);
  });
  it('an account file key typo says "did you mean enabled?" at its path', () => {
    const r = validateAccount({
      version: 1,
      account: { id: 1, name: 'A' },
      webhooks: [
        { key: 'main', version: 1, scope: 'account', url: 'https://h.example/q', enabeld: true },
      ],
    });
    expect(!r.ok && r.problems).toContainEqual({
      path: ['webhooks', 0, 'enabeld'],
      message: 'unknown key (did you mean enabled?)',
    });
  });
});

describe('init: rule destinations (#16 bugs 3 and 11)', () => {
  const env: InitEnvironment = {
    env: {},
    cwd: '/work',
    version: '1.2.3',
    interactive: false,
    localSchema: '/opt/qwh/schema/account.schema.json',
    mask: () => {},
  };
  const init = (rule: string[]) =>
    resolveInitInput(
      resolveOptions(INIT_OPTIONS, {
        flags: {
          fromFlags: true,
          accountId: '4321',
          accountName: 'Acme',
          v1Url: 'https://hooks.acme.example/q',
          rule,
        },
        env: {},
      }),
      env,
    );
  const refusal = (f: () => unknown): UserError => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      return e as UserError;
    }
    throw new Error('not refused');
  };
  it('--rule default:mian is refused with "did you mean main?", not taken as another integration', () => {
    const e = refusal(() => init(['default:mian']));
    expect(e.exitCode).toBe(ExitCode.USAGE);
    expect(e.message).toBe(MESSAGES.init.ruleDestTypo('default:mian', 'mian', 'main'));
    expect(e.hint).toContain('integration:mian');
  });
  it('integration:NAME keeps a real integration whose name is close to a key', () => {
    const r = init(['default:main', 'campaign:5:integration:mail']);
    expect(r.flagAnswers?.rules.map((x) => x.rule.destination)).toEqual(['main', 'mail']);
  });
  it('an integration named like a webhook key is refused (flags and dialogue)', () => {
    expect(refusal(() => init(['campaign:5:integration:Main'])).message).toContain(
      "is the key of this file's webhook main",
    );
    expect(checkOtherIntegration('main', ['main', 'website-1234'])).toBe(
      MESSAGES.init.integrationIsWebhookKey('main', 'main'),
    );
    expect(checkOtherIntegration('hubspot', ['main'])).toBe(true);
  });
  it('a far name stays another integration', () => {
    const r = init(['masterForm:7:hubspot']);
    expect(r.flagAnswers?.rules[0]?.rule.destination).toBe('hubspot');
  });
});

describe('account file: a destination one typo from a webhook key is flagged (#16 bug 11)', () => {
  it('warns "did you mean main?" at pushRules[0].destination', () => {
    const r = validateAccount({
      version: 1,
      account: { id: 1, name: 'A' },
      webhooks: [
        { key: 'main', version: 1, scope: 'account', url: 'https://h.example/q', enabled: true },
      ],
      pushRules: [
        { level: 'default', destination: 'mian' },
        { level: 'campaign', target: 3, destination: 'hubspot' },
      ],
    });
    expect(r.ok && r.warnings).toEqual([
      {
        path: ['pushRules', 0, 'destination'],
        message: expect.stringContaining('did you mean main?'),
      },
    ]);
  });
});

describe('a refused valid delivery says what it was (#16 bug 5)', () => {
  const res = (status: number) => ({ kind: 'response' as const, status, ms: 1, bytes: 0 });
  const check = (headers: Record<string, string>) =>
    ({
      kind: 'accept',
      id: 'accepts-complete',
      what: 'complete participation',
      payloads: [{ body: {}, source: 'sample' }],
      deliveries: [{ bytes: Buffer.from('{}'), headers }],
    }) as unknown as Parameters<typeof gradeAcceptCheck>[0];
  it('unsigned (no secret given): never "correctly signed", and names the flag', () => {
    const g = gradeAcceptCheck(check({}), [res(401)], false);
    expect(g.reason).not.toContain('correctly signed');
    expect(g.reason).toContain('--secret-env');
  });
  it('signed: says so, and no message points "below" at text that may not follow', () => {
    const g = gradeAcceptCheck(check({ 'x-qualifio-signature': 'sha256=ab' }), [res(403)], false);
    expect(g.reason).toContain('correctly signed');
    const texts = Object.values(MESSAGES.endpoint).filter((v) => typeof v === 'function');
    for (const t of texts)
      expect(String((t as (...a: unknown[]) => unknown)(401, 'x'))).not.toMatch(/see why below/);
  });
});

describe('warnings name a webhook by key (#16 bug 12)', () => {
  const hooks = [{ key: 'main' }, { key: 'news-v2' }];
  it('webhooks[1].host → webhooks[news-v2].host; other paths unchanged', () => {
    expect(formatPathByKey(['webhooks', 1, 'host'], hooks)).toBe('webhooks[news-v2].host');
    expect(formatPathByKey(['webhooks', 0, 'authHeader', 'value'], hooks)).toBe(
      'webhooks[main].authHeader.value',
    );
    expect(formatPathByKey(['webhooks', 0], hooks)).toBe('webhooks[main]');
    expect(formatPathByKey(['pushRules', 2, 'destination'], hooks)).toBe(
      'pushRules[2].destination',
    );
    expect(formatPathByKey(['webhooks', 7, 'host'], hooks)).toBe('webhooks[7].host');
  });
});
