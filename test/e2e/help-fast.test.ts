import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { ROOT, runQwh } from '../helpers/bin.js';
import type { Command } from 'commander';

// `qwh [command…] --help` is printed from dist/cli/help.json (rendered by commander at build
// time, scripts/gen-help.js) before commander loads. `-h --help` is the same request in a shape
// the fast path does not take, so commander itself answers it: the two must be byte-identical.
const texts = JSON.parse(readFileSync(join(ROOT, 'dist/cli/help.json'), 'utf8')) as Record<
  string,
  string
>;

const paths: string[][] = [[]];
const walk = (cmd: Command, at: string[]): void => {
  for (const c of cmd.commands) {
    paths.push([...at, c.name()]);
    walk(c, [...at, c.name()]);
  }
};
walk(
  buildProgram('0.0.0', async () => {}),
  [],
);

describe('help generated at build time', () => {
  it('has an entry for qwh and every command and subcommand', () => {
    expect(Object.keys(texts).sort()).toEqual(paths.map((p) => p.join(' ')).sort());
  });

  it.each(paths.map((p) => [p.join(' ') || '(qwh)', p]))(
    'qwh %s --help is byte-identical to commander’s output',
    async (_name, path) => {
      const [fast, commander] = await Promise.all([
        runQwh([...path, '--help']),
        runQwh([...path, '-h', '--help']),
      ]);
      expect(commander.code).toBe(0);
      expect(fast.code).toBe(0);
      expect(fast.stderr).toBe('');
      expect(commander.stdout.length).toBeGreaterThan(100);
      expect(fast.stdout).toBe(commander.stdout);
      expect(fast.stdout).toBe(texts[path.join(' ')]);
    },
  );
});
