import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildProgram } from '../src/cli/program.js';
import { ROOT, tempDir } from './helpers/bin.js';

interface ActionInput {
  description?: string;
  required?: boolean;
  default?: string;
}
interface ActionStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, ActionInput>;
  outputs?: Record<string, { description?: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const runStep = action.runs.steps.find((s) => s.id === 'run')!;

describe('action.yml', () => {
  it('is a composite action whose every input and output is described', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.name).toBeTruthy();
    expect(Object.keys(action.inputs).length).toBeGreaterThan(5);
    for (const [name, input] of Object.entries(action.inputs))
      expect(input.description, name).toMatch(/\w{3}/);
    for (const [name, output] of Object.entries(action.outputs ?? {}))
      expect(output.description, name).toMatch(/\w{3}/);
    expect(action.inputs.command?.default).toBe('test-endpoint');
    expect(action.inputs.reporter?.default).toBe('github');
  });

  it('documents every input and output in README (one table row each)', () => {
    const start = readme.indexOf('\n## CI');
    expect(start).toBeGreaterThan(0);
    const end = readme.indexOf('\n## ', start + 1);
    const section = readme.slice(start, end < 0 ? undefined : end);
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs ?? {})])
      expect(section, name).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
  });

  it('never splices an expression into a script (inputs reach scripts through env only)', () => {
    const scripts = action.runs.steps.flatMap((step) => (step.run ? [step.run] : []));
    expect(scripts.length).toBeGreaterThan(0); // else the loop below would check nothing
    for (const run of scripts) expect(run).not.toContain('${{');
  });

  it('uploads nothing by default and pins every action it uses', () => {
    const uses = action.runs.steps.flatMap((step) => (step.uses ? [step.uses] : []));
    expect(uses.length).toBeGreaterThan(0); // else the loop below would check nothing
    for (const u of uses) {
      expect(u).not.toMatch(/upload-artifact|cache/);
      expect(u).toMatch(/@v\d+$/);
    }
  });

  it('passes each command only flags it has', () => {
    const program = buildProgram('0', async () => {});
    const flagsOf = (name: string) =>
      new Set(program.commands.find((c) => c.name() === name)!.options.map((o) => o.long));
    const run = runStep.run!;
    const branch = (name: string) => {
      const start = run.search(new RegExp(`\\n\\s*${name}\\)`));
      expect(start, name).toBeGreaterThan(0);
      return run.slice(start, run.indexOf(';;', start));
    };
    for (const [branchName, command] of [
      ['test-endpoint', 'test-endpoint'],
      ['check', 'check'],
      ['diff', 'diff-payload'],
      ['plan', 'migrate'],
    ] as const) {
      const used = new Set(branch(branchName).match(/--[a-z][a-z-]+/g));
      expect(used.size, branchName).toBeGreaterThan(0); // else the loop checks nothing
      const known = flagsOf(command);
      for (const flag of used) expect(known, `${branchName} ${flag}`).toContain(flag);
    }
  });
});

describe('action.yml run step, executed with bash against a stand-in qwh', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    tmp = await tempDir('qwh-action-');
    // A stand-in for bin/qwh.js: prints its argv as JSON, exits with QWH_STUB_EXIT.
    mkdirSync(join(tmp.dir, 'bin'));
    writeFileSync(
      join(tmp.dir, 'bin/qwh.js'),
      'process.stdout.write(JSON.stringify(process.argv.slice(2)));process.exitCode=Number(process.env.QWH_STUB_EXIT||0);\n',
    );
  });
  afterAll(async () => {
    await tmp.cleanup();
  });

  /** Resolves the step's env as the runner would for these inputs (defaults filled in). */
  function stepEnv(inputs: Record<string, string>): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(runStep.env ?? {})) {
      env[k] = v.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_m, expr: string) => {
        if (expr === 'github.action_path') return tmp.dir;
        const name = expr.replace(/^inputs\./, '');
        if (!(name in action.inputs)) throw new Error(`unknown expression ${expr}`);
        return inputs[name] ?? action.inputs[name]!.default ?? '';
      });
    }
    return env;
  }

  function runAction(inputs: Record<string, string>, extraEnv: Record<string, string> = {}) {
    const output = join(tmp.dir, `out-${Math.random().toString(36).slice(2)}`);
    writeFileSync(output, '');
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', runStep.run!], {
      cwd: tmp.dir,
      env: { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: output, ...stepEnv(inputs), ...extraEnv },
      encoding: 'utf8',
    });
    return {
      code: r.status,
      argv: r.stdout.startsWith('[') ? (JSON.parse(r.stdout) as string[]) : [],
      stdout: r.stdout,
      stderr: r.stderr,
      outputs: readFileSync(output, 'utf8'),
    };
  }

  it('builds the test-endpoint command line from the inputs (defaults: --reporter github, --version 2)', () => {
    const r = runAction(
      {
        url: 'https://hooks.example/q',
        'secret-env': 'QWH_SECRET',
        'auth-header-name': 'Authorization',
        'auth-header-env': 'QWH_AUTH',
        checks: 'signature,timing',
        timeout: '5000',
        out: 'report.xml',
        args: '--count 3  --seed 7',
      },
      { QWH_SECRET: 'never-in-argv-secret', QWH_AUTH: 'Bearer never-in-argv' },
    );
    expect(r.code).toBe(0);
    expect(r.argv).toEqual([
      'test-endpoint',
      'https://hooks.example/q',
      '--reporter',
      'github',
      '--version',
      '2',
      '--secret-env',
      'QWH_SECRET',
      '--auth-header-name',
      'Authorization',
      '--auth-header-env',
      'QWH_AUTH',
      '--checks',
      'signature,timing',
      '--timeout',
      '5000',
      '--out',
      'report.xml',
      '--count',
      '3',
      '--seed',
      '7',
    ]);
    expect(r.stdout + r.stderr).not.toContain('never-in-argv');
    expect(r.outputs).toBe('exit-code=0\n');
  });

  it('command check, diff and plan build their command lines; a missing input is exit 2', () => {
    const check = runAction({ command: 'check', account: 'acme.yaml' });
    expect(check.argv).toEqual(['check', 'acme.yaml', '--reporter', 'github']);
    const diff = runAction({ command: 'diff', v1: 'cap/v1', v2: 'cap/v2' });
    expect(diff.argv).toEqual([
      ...['diff-payload', 'cap/v1', 'cap/v2', '--reporter', 'github', '--fail-on', 'breaking'],
    ]);
    const plan = runAction({ command: 'plan', account: 'acme.yaml' }, { QWH_STUB_EXIT: '4' });
    expect(plan.argv).toEqual(['migrate', 'acme.yaml', '--dry-run', '--fail-on-blockers']);
    expect(plan.code).toBe(4);
    expect(plan.outputs).toBe('exit-code=4\n');
    for (const [inputs, text] of [
      [{ command: 'check' }, 'command check needs the account input'],
      [{ command: 'diff', v1: 'a' }, 'command diff needs the v1 and v2 inputs'],
      [{ command: 'test-endpoint' }, 'command test-endpoint needs the url input'],
      [{ command: 'deploy' }, 'command must be'],
    ] as const) {
      const r = runAction(inputs);
      expect(r.code).toBe(2);
      expect(r.stdout).toContain(text);
    }
  });

  it('passes a shell-looking URL as one plain argument (no injection)', () => {
    const url = 'https://hooks.example/q?a=$(touch pwned)&b=`id`;echo x';
    const r = runAction({ url });
    expect(r.argv[1]).toBe(url);
    expect(r.argv).toHaveLength(6);
  });

  it("propagates qwh's exit code and reports it as an output", () => {
    const r = runAction({ url: 'https://hooks.example/q' }, { QWH_STUB_EXIT: '3' });
    expect(r.code).toBe(3);
    expect(r.outputs).toBe('exit-code=3\n');
  });

  it('refuses a secret pasted where an env NAME goes, without printing it', () => {
    const secret = 'whsec_live-pasted-by-mistake';
    const r = runAction({ url: 'https://hooks.example/q', 'secret-env': secret });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('secret-env must be the NAME');
    expect(r.stdout + r.stderr).not.toContain(secret);
    const auth = runAction({ url: 'https://h.example/', 'auth-header-name': 'Authorization' });
    expect(auth.code).toBe(2);
    expect(auth.stdout).toContain('auth-header-name and auth-header-env go together');
  });
});
