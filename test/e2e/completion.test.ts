import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Command as CommanderCommand } from 'commander';
import { completionModel } from '../../src/cli/completion/from-program.js';
import { buildProgram } from '../../src/cli/program.js';
import { renderBash } from '../../src/cli/completion/bash.js';
import { renderFish } from '../../src/cli/completion/fish.js';
import { FIXTURES, runQwh, tempDir } from '../helpers/bin.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
const has = (bin: string): boolean =>
  spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0;

/** Every command path and its long and short flags, read from the program the CLI runs. */
function registered(): Array<{ path: string[]; flags: string[] }> {
  const out: Array<{ path: string[]; flags: string[] }> = [];
  const walk = (cmd: Command, path: string[]): void => {
    const help = cmd.createHelp();
    out.push({
      path,
      flags: help
        .visibleOptions(cmd)
        .flatMap((o) => [o.long, o.short])
        .filter((f): f is string => !!f),
    });
    for (const c of help.visibleCommands(cmd)) walk(c, [...path, c.name()]);
  };
  walk(
    buildProgram('0.0.0', async () => {}),
    [],
  );
  return out;
}

const scripts: Record<string, string> = {};
let dir: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  dir = await tempDir('qwh-completion-');
  for (const shell of SHELLS) {
    const r = await runQwh(['completion', shell]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    scripts[shell] = r.stdout;
    writeFileSync(join(dir.dir, `qwh.${shell}`), r.stdout);
  }
});
afterAll(async () => {
  await dir.cleanup();
});

describe('qwh completion', () => {
  const commands = registered();
  it('covers more than the foundation (walks the live program)', () => {
    const names = commands.map((c) => c.path.join(' '));
    for (const n of ['init', 'check', 'completion']) expect(names).toContain(n);
  });

  /** The part of a script that completes one command path's flags. */
  function flagsBlock(shell: (typeof SHELLS)[number], path: string[]): string {
    const s = scripts[shell]!;
    if (shell === 'bash') {
      const opts = s.slice(s.indexOf('_qwh_options() {'));
      const line = opts.split('\n').find((l) => l.startsWith(`    '${path.join(' ')}') echo `));
      return line ?? '';
    }
    if (shell === 'zsh') {
      const name = ['_qwh', ...path].join('__').replace(/[^A-Za-z0-9_]/g, '_');
      const from = s.indexOf(`\n${name}() {`);
      return from < 0 ? '' : s.slice(from, s.indexOf('\n}', from + 1));
    }
    const at = `-n '__qwh_at \\'${path.join(' ')}\\''`;
    return s
      .split('\n')
      .filter((l) => l.includes(at))
      .join('\n');
  }

  it.each(SHELLS)(
    '%s: every registered command and flag is in the script, under its command',
    (shell) => {
      const s = scripts[shell]!;
      for (const { path, flags } of commands) {
        const last = path[path.length - 1];
        if (last !== undefined) {
          // bash keys its tables by the full path ('migrate resume'); zsh and fish by the name.
          const key = shell === 'bash' ? `'${path.join(' ')}')` : `'${last}'`;
          expect(s, `${shell}: command ${path.join(' ')}`).toContain(key);
        }
        const block = flagsBlock(shell, path);
        for (const f of flags) {
          const where = `${shell}: ${['qwh', ...path].join(' ')} ${f}`;
          if (shell === 'bash') expect(block.split(/[' ]/), where).toContain(f);
          else if (shell === 'zsh') expect(block, where).toMatch(new RegExp(`[')]${f}[=+]?\\[`));
          else
            expect(block, where).toContain(
              f.startsWith('--') ? `-l '${f.slice(2)}'` : `-s '${f.slice(1)}'`,
            );
        }
      }
    },
  );

  it('an unknown shell is a usage error (exit 2)', async () => {
    const r = await runQwh(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bash, zsh, fish');
  });

  /** Runs the bash completion function for a command line, in the fixtures folder. */
  function bashComplete(words: string[], file = join(dir.dir, 'qwh.bash')): string[] {
    const script = `source ${JSON.stringify(file)}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
_qwh; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const r = spawnSync('bash', ['--norc', '-c', script], {
      cwd: join(FIXTURES, 'accounts'),
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter(Boolean).sort();
  }

  it('bash: completes commands, flags, choices and account files', () => {
    expect(bashComplete(['qwh', 'ch'])).toEqual(['check']);
    expect(bashComplete(['qwh', 'check', '--j'])).toEqual(['--json']);
    expect(bashComplete(['qwh', 'sample', '--state', ''])).toEqual(['complete', 'incomplete']);
    expect(bashComplete(['qwh', 'completion', ''])).toEqual(['bash', 'fish', 'zsh']);
    // root --version is a flag; sample --version takes 1|2: the command path decides.
    expect(bashComplete(['qwh', 'sample', '--version', ''])).toEqual(['1', '2']);
    // Account files: only .yaml/.yml/.json.
    const files = bashComplete(['qwh', 'check', 'a']);
    expect(files).toEqual(['acme-v2.yaml', 'acme.yaml']);
    expect(bashComplete(['qwh', 'check', 'minimal'])).toEqual(['minimal.json']);
    // An option value is skipped while finding the command path.
    expect(bashComplete(['qwh', 'init', '--account-name', 'check', '--fr'])).toEqual([
      '--from-flags',
    ]);
  });

  it.skipIf(!has('zsh'))('zsh: the script parses and registers _qwh for qwh', () => {
    const file = join(dir.dir, 'qwh.zsh');
    expect(spawnSync('zsh', ['-n', file]).status).toBe(0);
    const r = spawnSync(
      'zsh',
      ['-fc', `autoload -Uz compinit; compinit -u -D; source ${file}; print -r -- $_comps[qwh]`],
      { encoding: 'utf8' },
    );
    expect(r.stdout.trim()).toBe('_qwh');
  });

  it.skipIf(!has('fish'))('fish: completes commands, flags, choices and account files', () => {
    const complete = (line: string): string[] => {
      const r = spawnSync(
        'fish',
        [
          '--no-config',
          '-c',
          `source ${join(dir.dir, 'qwh.fish')}; complete -C ${JSON.stringify(line)}`,
        ],
        { cwd: join(FIXTURES, 'accounts'), encoding: 'utf8' },
      );
      expect(r.stderr).toBe('');
      return r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]!)
        .sort();
    };
    expect(complete('qwh che')).toEqual(['check']);
    expect(complete('qwh check --j')).toEqual(['--json']);
    expect(complete('qwh sample --version ')).toEqual(['1', '2']);
    expect(complete('qwh check a')).toEqual(['acme-v2.yaml', 'acme.yaml']);
  });

  it('nested subcommands (like migrate resume|rollback) complete their own flags', () => {
    // A program shaped like `qwh migrate` (issue 5), so nesting is proven before it lands.
    const root = new CommanderCommand('qwh');
    const migrate = new CommanderCommand('migrate')
      .description('move to 2.0')
      .argument('[account-file]')
      .option('--dry-run', 'plan only')
      .option('--plan <file>', 'a saved plan');
    migrate.addCommand(new CommanderCommand('resume').description('finish').option('--yes', 'y'));
    migrate.addCommand(
      new CommanderCommand('rollback').description('undo').option('--keep-backup', 'k'),
    );
    root.addCommand(migrate);
    const model = completionModel(root);
    const file = join(dir.dir, 'nested.bash');
    writeFileSync(file, renderBash(model, '0.0.0'));
    expect(bashComplete(['qwh', 'migrate', 'r'], file)).toEqual(['resume', 'rollback']);
    expect(bashComplete(['qwh', 'migrate', 'a'], file)).toEqual(['acme-v2.yaml', 'acme.yaml']);
    expect(bashComplete(['qwh', 'migrate', 'resume', '--'], file)).toEqual(['--help', '--yes']);
    expect(bashComplete(['qwh', 'migrate', '--plan', 'x', 'rollback', '--k'], file)).toEqual([
      '--keep-backup',
    ]);
    if (has('fish')) {
      const ffile = join(dir.dir, 'nested.fish');
      writeFileSync(ffile, renderFish(model, '0.0.0'));
      const r = spawnSync(
        'fish',
        ['--no-config', '-c', `source ${ffile}; complete -C 'qwh migrate resume --'`],
        { encoding: 'utf8' },
      );
      expect(
        r.stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split('\t')[0])
          .sort(),
      ).toEqual(['--help', '--yes']);
    }
  });
});
