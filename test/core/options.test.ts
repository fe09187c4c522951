import { describe, expect, it } from 'vitest';
import { SUITE_CHECK_IDS } from '../../src/core/endpoint/checks.js';
import { resolveTestEndpointInput } from '../../src/core/endpoint/input.js';
import { configSectionOf } from '../../src/core/options/config-zod.js';
import { resolveOptions } from '../../src/core/options/resolve.js';
import { defineOptions } from '../../src/core/options/spec.js';
import { TEST_ENDPOINT_OPTIONS } from '../../src/core/options/test-endpoint.js';
import { MESSAGES } from '../../src/messages/index.js';

const T = defineOptions({
  command: 't',
  section: 't',
  rows: [
    {
      key: 'timeout',
      flags: '--timeout <ms>',
      description: 'd',
      value: { type: 'int', min: 100, max: 1000 },
      env: 'QWH_T',
      config: 'timeoutMs',
      default: 500,
    },
    { key: 'out', flags: '--out <file>', description: 'd', value: { type: 'path' }, config: 'out' },
    { key: 'url', arg: 0, description: 'd', value: { type: 'url' }, env: 'QWH_URL' },
    {
      key: 'mode',
      flags: '--mode <m>',
      description: 'd',
      value: { type: 'choice', values: ['a', 'b'] },
    },
    { key: 'list', flags: '--list <l>', description: 'd', value: { type: 'list' }, env: 'QWH_L' },
  ],
});

describe('resolveOptions: flag > env > config > account > default', () => {
  it('takes each layer in order and says where the value came from', () => {
    const base = { flags: {}, env: {}, configDir: '/cfg' };
    expect(resolveOptions(T, base).timeout).toBe(500);
    expect(resolveOptions(T, { ...base, fallback: { timeout: 600 } }).timeout).toBe(600);
    const conf = resolveOptions(T, {
      ...base,
      config: { timeoutMs: 700 },
      fallback: { timeout: 600 },
    });
    expect(conf.timeout).toBe(700);
    expect(conf.sources.timeout).toBe('config');
    const env = resolveOptions(T, { ...base, env: { QWH_T: '800' }, config: { timeoutMs: 700 } });
    expect([env.timeout, env.sources.timeout]).toEqual([800, 'env']);
    const flag = resolveOptions(T, { ...base, flags: { timeout: '900' }, env: { QWH_T: '800' } });
    expect([flag.timeout, flag.sources.timeout]).toEqual([900, 'flag']);
  });

  it('treats an empty environment variable as unset', () => {
    expect(resolveOptions(T, { flags: {}, env: { QWH_T: '' } }).timeout).toBe(500);
  });

  it('names the flag or the variable a bad value came from', () => {
    expect(() => resolveOptions(T, { flags: { timeout: 'soon' }, env: {} })).toThrow(
      MESSAGES.options.badNumber('--timeout', 'soon', 100, 1000),
    );
    expect(() => resolveOptions(T, { flags: {}, env: { QWH_T: '5' } })).toThrow(
      MESSAGES.options.badNumber('QWH_T', '5', 100, 1000),
    );
    expect(() => resolveOptions(T, { flags: { mode: 'c' }, env: {} })).toThrow(
      MESSAGES.options.badChoice('--mode', 'c', ['a', 'b']),
    );
  });

  it('resolves config paths from the config folder, flag paths as given', () => {
    expect(
      resolveOptions(T, { flags: {}, env: {}, config: { out: 'r.xml' }, configDir: '/cfg' }).out,
    ).toBe('/cfg/r.xml');
    expect(resolveOptions(T, { flags: { out: 'r.xml' }, env: {}, configDir: '/cfg' }).out).toBe(
      'r.xml',
    );
  });

  it('reads positional arguments before the environment, and splits lists', () => {
    const r = resolveOptions(T, {
      flags: {},
      args: ['https://a.example'],
      env: { QWH_URL: 'https://b.example', QWH_L: 'x, y,,z' },
    });
    expect(r.url).toBe('https://a.example');
    expect(r.list).toEqual(['x', 'y', 'z']);
  });
});

describe('configSectionOf', () => {
  it('is strict and bounded like the flags', () => {
    const s = configSectionOf(T);
    expect(s.safeParse({ timeoutMs: 700 }).success).toBe(true);
    expect(s.safeParse({ timeoutMs: 5 }).success).toBe(false);
    expect(s.safeParse({ timeout: 700 }).success).toBe(false);
  });
});

describe('resolveTestEndpointInput', () => {
  const known = [...SUITE_CHECK_IDS, 'burst'];
  const resolve = (
    flags: Record<string, unknown>,
    env: Record<string, string> = {},
    config?: Record<string, unknown>,
  ) =>
    resolveOptions(TEST_ENDPOINT_OPTIONS, {
      flags,
      args: [flags.url as string | undefined],
      env,
      config,
      configDir: '/cfg',
    });

  it('takes URL and version from the account webhook when nothing else gives them', () => {
    const input = resolveTestEndpointInput(
      resolve({ webhook: 'main', account: 'a.yaml' }),
      { url: 'https://h.example/q', version: 1 },
      known,
    );
    expect(input.url).toBe('https://h.example/q');
    expect(input.version).toBe(1);
    const flagged = resolveTestEndpointInput(
      resolve({ webhook: 'main', account: 'a.yaml', version: '2' }),
      { url: 'https://h.example/q', version: 1 },
      known,
    );
    expect(flagged.version).toBe(2);
  });

  it('picks the secret flag over config over the account, each from its own folder', () => {
    const account = { url: 'https://h.example', version: 2 as const, secret: { env: 'ACC' } };
    expect(
      resolveTestEndpointInput(
        resolve({ secretFile: 's.txt' }, {}, { secret: { env: 'CFG' } }),
        account,
        known,
      ).secret,
    ).toEqual({ ref: { file: 's.txt' }, base: 'cwd' });
    expect(
      resolveTestEndpointInput(resolve({}, {}, { secret: { env: 'CFG' } }), account, known).secret,
    ).toEqual({ ref: { env: 'CFG' }, base: 'config' });
    expect(resolveTestEndpointInput(resolve({}), account, known).secret).toEqual({
      ref: { env: 'ACC' },
      base: 'account',
    });
  });

  it('refuses what cannot mean anything', () => {
    const ok = { url: 'https://h.example' };
    expect(() => resolveTestEndpointInput(resolve({}), undefined, known)).toThrow(
      MESSAGES.endpoint.needUrl,
    );
    expect(() =>
      resolveTestEndpointInput(resolve({ ...ok, account: 'a.yaml' }), undefined, known),
    ).toThrow(MESSAGES.endpoint.accountNeedsWebhook);
    expect(() =>
      resolveTestEndpointInput(resolve({ ...ok, out: 'r.xml' }), undefined, known),
    ).toThrow(MESSAGES.endpoint.outNeedsReporter);
    expect(() =>
      resolveTestEndpointInput(
        resolve({ ...ok, secretEnv: 'A', secretFile: 'b' }),
        undefined,
        known,
      ),
    ).toThrow(MESSAGES.secrets.oneSource('the secret'));
    expect(() =>
      resolveTestEndpointInput(resolve({ ...ok, authHeaderEnv: 'A' }), undefined, known),
    ).toThrow(MESSAGES.endpoint.authValueWithoutName);
    expect(() =>
      resolveTestEndpointInput(resolve({ ...ok, checks: 'latency,nope' }), undefined, known),
    ).toThrow(MESSAGES.endpoint.unknownChecks('nope'));
  });

  it('lets --json win over the configured reporter', () => {
    expect(
      resolveTestEndpointInput(
        resolve({ url: 'https://h.example', json: true }, {}, { reporter: 'junit' }),
        undefined,
        known,
      ).reporter,
    ).toBe('json');
    expect(
      resolveTestEndpointInput(
        resolve({ url: 'https://h.example' }, { QWH_REPORTER: 'github' }, { reporter: 'junit' }),
        undefined,
        known,
      ).reporter,
    ).toBe('github');
  });
});
