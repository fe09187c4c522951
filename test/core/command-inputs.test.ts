import { describe, expect, it } from 'vitest';
import {
  checkInitAnswers,
  renderInitFile,
  resolveInitInput,
  type InitEnvironment,
} from '../../src/core/account/init-input.js';
import { resolveListenInput } from '../../src/core/endpoint/input.js';
import { UserError } from '../../src/core/errors.js';
import { ExitCode } from '../../src/core/exit-codes.js';
import { INIT_OPTIONS } from '../../src/core/options/init.js';
import { LISTEN_OPTIONS } from '../../src/core/options/listen.js';
import { resolveOptions } from '../../src/core/options/resolve.js';
import { SAMPLE_OPTIONS } from '../../src/core/options/sample.js';
import { SIGN_OPTIONS } from '../../src/core/options/sign.js';
import { VERIFY_OPTIONS } from '../../src/core/options/verify.js';
import { resolveSampleInput, samplePayloads } from '../../src/core/sample/input.js';
import { resolveSignInput, resolveVerifyInput } from '../../src/core/signing-input.js';
import { MESSAGES } from '../../src/messages/index.js';

type Flags = Record<string, unknown>;
type Env = Record<string, string | undefined>;

/** The usage error a resolver throws, or fails the test. */
function usageOf(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).exitCode).toBe(ExitCode.USAGE);
    return e as UserError;
  }
  throw new Error('expected a usage error');
}

describe('listen: flag > QWH_LISTEN_* > default', () => {
  const listen = (flags: Flags, env: Env = {}) =>
    resolveListenInput(resolveOptions(LISTEN_OPTIONS, { flags, env }));

  it('defaults to any free port on loopback, model 2, human lines', () => {
    expect(listen({})).toEqual({ host: '127.0.0.1', port: 0, version: 2, json: false });
  });
  it('takes port and host from the environment, the flag over it', () => {
    const env = { QWH_LISTEN_PORT: '8787', QWH_LISTEN_HOST: '0.0.0.0' };
    expect(listen({}, env)).toMatchObject({ port: 8787, host: '0.0.0.0' });
    expect(listen({ port: '9000', host: '::1' }, env)).toMatchObject({ port: 9000, host: '::1' });
    expect(listen({}, { QWH_LISTEN_PORT: '' }).port).toBe(0);
  });
  it("--ca-file is the relay's: with --forward-to it rides on forward, alone it is a usage error", () => {
    expect(listen({ forwardTo: 'https://crm.example/hook', caFile: 'ca.pem' }).forward).toEqual({
      url: 'https://crm.example/hook',
      timeoutMs: 10_000,
      caFile: 'ca.pem',
    });
    expect(listen({ forwardTo: 'https://crm.example/hook' }).forward).not.toHaveProperty('caFile');
    expect(usageOf(() => listen({ caFile: 'ca.pem' })).message).toBe(
      MESSAGES.listen.relay.caWithoutForward,
    );
    expect(usageOf(() => listen({}, { QWH_CA_FILE: 'ca.pem' })).message).toBe(
      MESSAGES.listen.relay.caWithoutForward,
    );
  });
  it('names the flag or the variable of a bad port', () => {
    expect(usageOf(() => listen({ port: '70000' })).message).toBe(
      MESSAGES.options.badNumber('--port', '70000', 0, 65_535),
    );
    expect(usageOf(() => listen({}, { QWH_LISTEN_PORT: 'x' })).message).toBe(
      MESSAGES.options.badNumber('QWH_LISTEN_PORT', 'x', 0, 65_535),
    );
  });
  it('picks the secret and auth header references without reading them', () => {
    const r = listen({
      version: '1',
      secretEnv: 'S',
      authHeaderName: 'Authorization',
      authHeaderFile: 'tok',
      save: 'd.ndjson',
      json: true,
    });
    expect(r).toEqual({
      host: '127.0.0.1',
      port: 0,
      version: 1,
      secret: { ref: { env: 'S' }, base: 'cwd' },
      authHeader: { name: 'Authorization', value: { ref: { file: 'tok' }, base: 'cwd' } },
      save: 'd.ndjson',
      json: true,
    });
  });
  it('refuses half an auth header, a bad header name and two secret sources', () => {
    expect(usageOf(() => listen({ authHeaderName: 'X-Token' })).message).toBe(
      MESSAGES.endpoint.authNameWithoutValue,
    );
    expect(usageOf(() => listen({ authHeaderEnv: 'T' })).message).toBe(
      MESSAGES.endpoint.authValueWithoutName,
    );
    expect(usageOf(() => listen({ authHeaderName: 'bad name', authHeaderEnv: 'T' })).message).toBe(
      MESSAGES.endpoint.badHeaderName('bad name'),
    );
    expect(usageOf(() => listen({ secretEnv: 'S', secretFile: 'f' })).message).toBe(
      MESSAGES.secrets.oneSource('the secret'),
    );
  });
});

describe('sample', () => {
  const sample = (flags: Flags) =>
    resolveSampleInput(resolveOptions(SAMPLE_OPTIONS, { flags, env: {} }));

  it('has its defaults in the table: version 2, complete, seed 1, one payload', () => {
    expect(sample({})).toEqual({ version: 2, state: 'complete', seed: 1, count: 1 });
  });
  it('refuses a 1.0 incomplete sample and out-of-range numbers', () => {
    expect(usageOf(() => sample({ version: '1', state: 'incomplete' })).message).toBe(
      MESSAGES.sample.v1Incomplete,
    );
    expect(usageOf(() => sample({ seed: 'abc' })).message).toContain(
      '--seed must be a whole number',
    );
    expect(usageOf(() => sample({ count: '0' })).message).toContain(
      '--count must be a whole number',
    );
  });
  it('yields count payloads from consecutive seeds, in the asked model', () => {
    const v2 = [...samplePayloads(sample({ count: '3', seed: '7' }))] as Array<{ id: string }>;
    expect(v2).toHaveLength(3);
    expect(new Set(v2.map((p) => p.id)).size).toBe(3);
    const [one] = [...samplePayloads(sample({ seed: '8' }))] as Array<{ id: string }>;
    expect(one?.id).toBe(v2[1]?.id);
    const [v1] = [...samplePayloads(sample({ version: '1', seed: '7' }))] as Array<
      Record<string, unknown>
    >;
    expect(v1?.participation_id).toBe(v2[0]?.id);
  });
});

describe('sign / verify', () => {
  it('reads stdin by default and requires a secret source', () => {
    const o = resolveOptions(SIGN_OPTIONS, { flags: { secretFile: 's' }, env: {} });
    expect(resolveSignInput(o)).toEqual({
      file: '-',
      secret: { ref: { file: 's' }, base: 'cwd' },
      json: false,
    });
    const none = resolveOptions(SIGN_OPTIONS, { flags: {}, args: ['body.json'], env: {} });
    expect(usageOf(() => resolveSignInput(none)).message).toBe(MESSAGES.sign.needSecret);
  });
  it('verify carries the signature and the body file', () => {
    const o = resolveOptions(VERIFY_OPTIONS, {
      flags: { secretEnv: 'S', signature: 'sha256=ab', json: true },
      args: ['b.json'],
      env: {},
    });
    expect(resolveVerifyInput(o)).toEqual({
      file: 'b.json',
      secret: { ref: { env: 'S' }, base: 'cwd' },
      signature: 'sha256=ab',
      json: true,
    });
  });
});

describe('init: flags → input', () => {
  const env = (over: Partial<InitEnvironment> = {}): InitEnvironment => ({
    env: {},
    cwd: '/work',
    version: '1.2.3',
    interactive: false,
    localSchema: '/opt/qwh/schema/account.schema.json',
    mask: () => {},
    ...over,
  });
  const init = (flags: Flags, e: InitEnvironment = env()) =>
    resolveInitInput(resolveOptions(INIT_OPTIONS, { flags, env: {} }), e);
  const complete = {
    fromFlags: true,
    accountId: '4321',
    accountName: ' Acme Media ',
    v1Url: 'https://hooks.acme.example/q',
    rule: ['default:main'],
  };

  it('needs --from-flags without a terminal', () => {
    expect(usageOf(() => init({})).message).toBe(MESSAGES.init.needsFlags);
  });
  it('with --from-flags: complete answers, the default file and a schema path that resolves today', () => {
    const r = init(complete);
    expect(r).toMatchObject({
      out: 'qualifio-account.yaml',
      path: '/work/qualifio-account.yaml',
      format: 'yaml',
      fromFlags: true,
      force: false,
      json: false,
      schemaRef: '../opt/qwh/schema/account.schema.json',
    });
    expect(init({ ...complete, schema: 'url' }).schemaRef).toBe(
      'https://cdn.jsdelivr.net/npm/qwh@1.2.3/schema/account.schema.json',
    );
    expect(r.flagAnswers?.account).toEqual({ id: 4321, name: 'Acme Media' });
    expect(r.flagAnswers?.rules.map((x) => x.origin)).toEqual(['--rule default:main']);
  });
  it('names every flag still missing', () => {
    const e = usageOf(() => init({ fromFlags: true }));
    expect(e.message).toBe(
      MESSAGES.init.missingFlags([
        '--account-id',
        '--account-name',
        'a webhook 1.0 (--v1-url, --v1-url-env, --website-webhook or --website-webhook-env)',
      ]),
    );
  });
  it('refuses credentials in argv and reads them from the environment, masked first', () => {
    const secret = 'https://u:p4ss@hooks.acme.example/q';
    expect(usageOf(() => init({ ...complete, v1Url: secret })).message).toBe(
      MESSAGES.init.credentialsInArgv('--v1-url'),
    );
    const masked: string[] = [];
    const r = init(
      { ...complete, v1Url: undefined, v1UrlEnv: 'V1' },
      env({ env: { V1: secret }, mask: (s) => masked.push(s) }),
    );
    expect(masked).toContain('p4ss');
    expect(r.flagAnswers?.webhooks[0]).toEqual({
      scope: 'account',
      url: secret,
      origin: '--v1-url-env V1',
    });
    expect(usageOf(() => init({ ...complete, v1UrlEnv: 'V1' })).message).toBe(
      MESSAGES.secrets.oneSource('the account-level URL (--v1-url or --v1-url-env)'),
    );
  });
  it('schema: local is a path relative to the file, none writes none, control characters refused', () => {
    expect(init({ ...complete, out: 'accounts/a.json', schema: 'local' })).toMatchObject({
      format: 'json',
      schemaRef: '../../opt/qwh/schema/account.schema.json',
    });
    expect(init({ ...complete, schema: 'none' }).schemaRef).toBeUndefined();
    expect(usageOf(() => init({ ...complete, schema: 'x\ny' })).message).toBe(
      `--schema: ${MESSAGES.init.badSchema}`,
    );
  });
  it('repeatable flags keep commas; a website used by a rule must be named', () => {
    const r = init({
      ...complete,
      website: ['1234=Acme, News'],
      rule: ['default:main', 'website:1234:both:main'],
    });
    expect(r.flagAnswers?.websites).toEqual([{ id: 1234, name: 'Acme, News' }]);
    const e = usageOf(() => init({ ...complete, rule: ['website:99:both:main'] }));
    expect(e.message).toBe(MESSAGES.init.unnamed('website', '--website', [99]));
  });
  it('renders a file that reads back, and a masked preview', () => {
    const secret = 'https://u:p4ss@hooks.acme.example/q';
    const r = init({ ...complete, v1Url: undefined, v1UrlEnv: 'V1' }, env({ env: { V1: secret } }));
    const answers = r.flagAnswers!;
    checkInitAnswers(answers);
    const f = renderInitFile(answers, r, '1.2.3');
    expect(f.text).toContain('p4ss');
    expect(f.preview).not.toContain('p4ss');
    expect(f.data.webhooks[0]).toMatchObject({ key: 'main', url: secret, enabled: true });
  });
});
