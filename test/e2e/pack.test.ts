import { spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
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
    // The library entry ships its types (package.json "types"/"exports").
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('schema/account.schema.json');
    expect(files).toContain('README.md');
    expect(files).toContain('package.json');
    const unexpected = files.filter(
      (f) =>
        !/^(bin\/qwh\.js|dist\/.+\.(?:js|d\.ts)|schema\/[\w-]+\.schema\.json|README\.md|package\.json|LICENSE)$/.test(
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
