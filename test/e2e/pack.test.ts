import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, tempDir } from '../helpers/bin.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  files: string[];
  devDependencies: Record<string, string>;
  dependencies: Record<string, string>;
};

/**
 * The environment of a user's shell, not of `npm test`: npm exports its own prefix and package
 * settings to scripts (npm_config_prefix, npm_package_*), which would leak into the install.
 */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (/^npm_(lifecycle|package)_/.test(k)) continue;
    if (/^npm_config_(prefix|global_prefix|local_prefix|global)$/.test(k)) continue;
    env[k] = v;
  }
  // The node running the tests runs the installed bin too (its shebang is `env node`).
  env.PATH = `${dirname(process.execPath)}${delimiter}${env.PATH ?? ''}`;
  env.npm_config_update_notifier = 'false';
  env.CI = 'true';
  return env;
}

function run(
  cmd: string,
  args: readonly string[],
  cwd: string,
  timeoutMs = 120_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** npm as the user has it: the npm running `npm test` when there is one, else the one on PATH. */
function npm(args: readonly string[], cwd: string, timeoutMs?: number) {
  const cli = process.env.npm_execpath;
  return cli && /npm-cli\.js$/.test(cli)
    ? run(process.execPath, [cli, ...args], cwd, timeoutMs)
    : run('npm', args, cwd, timeoutMs);
}

describe('npm pack → npm install -g → qwh runs (a fresh machine, in a temp prefix)', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let tarball = '';
  let files: string[] = [];
  const prefix = (): string => join(tmp.dir, 'prefix');
  const qwh = (): string => join(prefix(), 'bin', 'qwh');

  beforeAll(async () => {
    tmp = await tempDir('qwh-pack-');
    // `npm test` has just built dist/; --ignore-scripts skips prepack's rebuild (same output).
    expect(existsSync(join(ROOT, 'dist/cli/main.js'))).toBe(true);
    const packed = await npm(
      ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp.dir],
      ROOT,
    );
    expect(packed.code, packed.stderr).toBe(0);
    const info = JSON.parse(packed.stdout) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    tarball = join(tmp.dir, info[0]!.filename);
    files = info[0]!.files.map((f) => f.path);
    const installed = await npm(
      [
        'install',
        '-g',
        tarball,
        '--prefix',
        prefix(),
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
      ],
      tmp.dir,
      180_000,
    );
    expect(installed.code, installed.stderr).toBe(0);
  }, 240_000);
  afterAll(async () => {
    await tmp.cleanup();
  });

  it('the tarball holds only what runs: bin, built dist and its types (no source maps), schemas, README', () => {
    expect(files).toContain('bin/qwh.js');
    expect(files).toContain('dist/cli/main.js');
    // What bin/qwh.js runs (CommonJS by bin/package.json): the starter and the esbuild bundles
    // (scripts/bundle.js), and the help texts it prints.
    expect(files).toContain('bin/package.json');
    expect(files).toContain('dist/bundle/start.cjs');
    expect(files).toContain('dist/bundle/qwh.js');
    expect(files).toContain('dist/bundle/qwh-check.js');
    expect(files).toContain('dist/cli/help.json');
    // The library entry ships its types (package.json "types"/"exports").
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('schema/account.schema.json');
    expect(files).toContain('README.md');
    expect(files).toContain('package.json');
    const unexpected = files.filter(
      (f) =>
        !/^(bin\/(?:qwh\.js|package\.json)|dist\/.+\.(?:js|d\.ts)|dist\/bundle\/start\.cjs|dist\/cli\/help\.json|schema\/(?:json\/)?[\w-]+\.schema\.json|README\.md|package\.json|LICENSE)$/.test(
          f,
        ),
    );
    expect(unexpected).toEqual([]);
  });

  it('installs a qwh command that runs through its shebang and prints the version', async () => {
    expect(realpathSync(qwh())).toBe(join(prefix(), 'lib/node_modules/qwh/bin/qwh.js'));
    const r = await run(qwh(), ['--version'], tmp.dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('runs real commands from the install: sample, check, completion', async () => {
    const sample = await run(qwh(), ['sample', '--seed', '7'], tmp.dir);
    expect(sample.code).toBe(0);
    expect(sample.stdout).toBe(
      readFileSync(join(FIXTURES, 'payloads/v2/sample-seed-7.json'), 'utf8'),
    );
    const check = await run(qwh(), ['check', join(FIXTURES, 'accounts/acme.yaml')], tmp.dir);
    expect(check.code).toBe(0);
    const completion = await run(qwh(), ['completion', 'bash'], tmp.dir);
    expect(completion.code).toBe(0);
    expect(completion.stdout).toContain('complete -F _qwh qwh');
  });

  it('needs no dev dependency at run time (none is installed)', () => {
    const modules = join(prefix(), 'lib/node_modules/qwh/node_modules');
    for (const dev of Object.keys(pkg.devDependencies))
      expect(existsSync(join(modules, dev)), dev).toBe(false);
    for (const dep of Object.keys(pkg.dependencies))
      expect(existsSync(join(modules, dep)), dep).toBe(true);
  });
});

/** The shell block between `<!-- install:NAME -->` and `<!-- /install:NAME -->` in README.md. */
function readmeBlock(name: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const m = new RegExp(
    `<!-- install:${name} -->\\n\`\`\`sh\\n([\\s\\S]*?)\`\`\`\\n<!-- /install:${name} -->`,
  ).exec(readme);
  if (!m) throw new Error(`README.md has no install:${name} block`);
  return m[1]!;
}

/** A fresh clone of this checkout as it is now: tracked and new files, no node_modules, no dist. */
function freshCopy(to: string): void {
  const listed = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: ROOT,
    },
  )
    .toString()
    .split('\0')
    .filter((f) => f && f !== 'node_modules' && !f.startsWith('node_modules/'));
  for (const f of listed) {
    if (!existsSync(join(ROOT, f))) continue; // deleted, not yet committed
    mkdirSync(dirname(join(to, f)), { recursive: true });
    cpSync(join(ROOT, f), join(to, f));
  }
}

describe("README's install path, verbatim: a fresh checkout, then the packed tarball into a prefix", () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  const checkout = (): string => join(tmp.dir, 'qwh');
  const prefix = (): string => join(tmp.dir, 'prefix');
  /** A user's shell with npm pointed at a temp prefix and offline (the npm cache has the deps). */
  const env = (): Record<string, string> => ({
    ...cleanEnv(),
    PATH: `${join(prefix(), 'bin')}${delimiter}${cleanEnv().PATH}`,
    npm_config_prefix: prefix(),
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  });
  const sh = (script: string, timeoutMs = 240_000) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((done, reject) => {
      const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
        cwd: checkout(),
        env: env(),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        done({ code, stdout, stderr });
      });
    });

  beforeAll(async () => {
    tmp = await tempDir('qwh-readme-install-');
    freshCopy(checkout());
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  it('the checkout block: npm ci, build, npx qwh runs this checkout (no qwh on PATH before)', async () => {
    expect((await sh('command -v qwh || true')).stdout).toBe('');
    const r = await sh(readmeBlock('checkout'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${pkg.version}\n`);
    expect(r.stdout).toContain('Acme Media');
  }, 300_000);

  it('the tarball block: npm pack, npm install -g into the prefix, qwh is a command', async () => {
    const r = await sh(readmeBlock('tarball'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe(pkg.version);
    expect(realpathSync(join(prefix(), 'bin', 'qwh'))).toBe(
      join(prefix(), 'lib/node_modules/qwh/bin/qwh.js'),
    );
    // The file init writes points at a schema that exists in the install (resolves today).
    const init = await sh(
      'qwh init --from-flags --account-id 1 --account-name A --v1-url https://h.example/q --out a.yaml && head -1 a.yaml',
    );
    expect(init.code, init.stderr).toBe(0);
    const ref = /\$schema=(\S+)/.exec(init.stdout)?.[1];
    expect(ref && existsSync(join(checkout(), ref))).toBe(true);
  }, 300_000);
});
