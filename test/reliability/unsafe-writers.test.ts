import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, runQwh, tempDir } from '../helpers/bin.js';

// Issue 17 #5: one safe writer for every output file. A symlink, FIFO or folder at an output's
// name is refused (exit 4) and never written through or replaced; nothing under `.qwh/` follows
// a symlink out of the folder.

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('qwh-writers-'));
  copyFileSync(join(FIXTURES, 'accounts/acme.yaml'), join(dir, 'acme.yaml'));
});
afterEach(() => cleanup());

describe('output files', () => {
  it('--plan-out and --runbook at a symlink: exit 4, the link and its target untouched', async () => {
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    for (const [flag, name] of [
      ['--plan-out', 'plan.json'],
      ['--runbook', 'runbook.md'],
    ] as const) {
      symlinkSync(victim, join(dir, name));
      const r = await runQwh(['migrate', 'acme.yaml', '--dry-run', flag, name], { cwd: dir });
      expect(r.code, r.stderr).toBe(4);
      expect(r.stderr).toContain(`${name} is a symbolic link`);
      expect(lstatSync(join(dir, name)).isSymbolicLink()).toBe(true);
      expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    }
  });

  it('--plan-out at a FIFO or a folder: exit 4, no hang, nothing replaced', async () => {
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    mkdirSync(join(dir, 'folder'));
    for (const name of ['fifo', 'folder']) {
      const r = await runQwh(['migrate', 'acme.yaml', '--dry-run', '--plan-out', name], {
        cwd: dir,
        timeoutMs: 20_000,
      });
      expect(r.code, r.stderr).toBe(4);
      expect(r.stderr).toContain(`${name} is a `);
    }
    expect(lstatSync(join(dir, 'fifo')).isFIFO()).toBe(true);
    expect(lstatSync(join(dir, 'folder')).isDirectory()).toBe(true);
  });
});

describe('.qwh/ never follows a symlink', () => {
  it('.qwh a symlink to another folder: migrate exits 4, nothing written there, the file unchanged', async () => {
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(dir, '.qwh'));
    const before = readFileSync(join(dir, 'acme.yaml'));
    const r = await runQwh(['migrate', 'acme.yaml', '--yes', '--skip-verify'], { cwd: dir });
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toContain('.qwh is a symbolic link');
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readFileSync(join(dir, 'acme.yaml'))).toEqual(before);
  });

  it('the journal a symlink to a file outside: migrate exits 4, never appends through it', async () => {
    mkdirSync(join(dir, '.qwh'), { mode: 0o700 });
    const outside = join(dir, 'outside.log');
    writeFileSync(outside, '');
    symlinkSync(outside, join(dir, '.qwh', 'journal-acme.yaml.jsonl'));
    const r = await runQwh(['migrate', 'acme.yaml', '--yes', '--skip-verify'], { cwd: dir });
    expect(r.code, r.stderr).toBe(4);
    expect(readFileSync(outside, 'utf8')).toBe('');
    expect(existsSync(join(dir, '.qwh', 'acme.yaml.lock'))).toBe(false);
  });
});
