import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DiffReport } from '../../src/core/diff/session.js';
import { renderDiffJunit } from '../../src/ui/reporters/diff-ci.js';
import { BIN, runQwh, tempDir } from '../helpers/bin.js';
import { RAW_CONTROL } from '../helpers/controls.js';
import { hasScript, startPty } from '../helpers/pty.js';
import { findAll, parseXml } from '../helpers/xml.js';

// Issue 17 #9, the writes that bypassed the stdout/stderr sink: inquirer's prompts, commander's
// usage errors, the files qwh writes (runbook, step summary, JUnit), and a line break in a name
// starting a GitHub workflow command. Each block fails on the main before this change.

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempDir('qwh-termout-')));
afterAll(() => cleanup());

const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

const OSC = '\u001b]0;pwned\u0007';
const NAME = `Acme${OSC}\u001b[2J\r\u009b31m\u202eevil\u2066`;

function account(name: string, website = `Site\u001b[8mhidden\u001b[1A`): string {
  return JSON.stringify({
    version: 1,
    account: { id: 1, name },
    websites: [{ id: 7, name: website }],
    webhooks: [
      { key: 'main', version: 1, scope: 'account', url: 'https://hooks.example.com/q' },
      { key: 'site', version: 1, scope: { website: 7 }, url: 'https://hooks.example.com/s' },
    ],
    pushRules: [
      { level: 'default', destination: 'main' },
      { level: 'website', target: 7, campaignMode: 'both', destination: 'site' },
    ],
  });
}

describe('files qwh writes: one safety rule per format (#17 item 9)', () => {
  it('the runbook (Markdown) and the step summary show control characters as \\uXXXX; --plan-out JSON parses to the exact name', async () => {
    // The name shows in the runbook; the step summary names the file (named with an OSC title).
    const file = write(`esc${OSC}.json`, account(NAME));
    const summary = write('summary.md', '');
    const r = await runQwh(
      ['migrate', file, '--dry-run', '--runbook', 'rb.md', '--plan-out', 'plan.json'],
      { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } },
    );
    expect(r.code, r.stderr).toBe(0);
    const runbook = readFileSync(join(dir, 'rb.md'), 'utf8');
    expect(runbook).not.toMatch(RAW_CONTROL);
    expect(runbook).toContain('Acme\\u001b]0;pwned\\u0007\\u001b[2J\\u000d\\u009b31m\\u202e');
    const stepSummary = readFileSync(summary, 'utf8');
    expect(stepSummary).not.toMatch(RAW_CONTROL);
    expect(stepSummary).toContain('esc\\u001b]0;pwned\\u0007.json');
    const names: unknown[] = [];
    JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8'), (_k, v: unknown) => {
      if (typeof v === 'string' && v.startsWith('Acme')) names.push(v);
      return v;
    });
    expect(names).toContain(`${NAME} webhook 2.0`);
  });

  it('JUnit XML: well-formed, every control character shown as \\uXXXX (not dropped, not raw C1/bidi)', () => {
    const path = `["a${OSC}\u0085\u202eb"]`;
    const report = {
      fields: [{ v1Path: path, class: 'removed', breaking: true }],
    } as unknown as DiffReport;
    const xml = renderDiffJunit(report);
    expect(xml).not.toMatch(RAW_CONTROL);
    const testcase = findAll(parseXml(xml), 'testcase')[0]!;
    expect(testcase.attrs.name).toBe('["a\\u001b]0;pwned\\u0007\\u0085\\u202eb"]');
  });
});

describe('a line break in a name cannot start a GitHub workflow command (#17 item 9)', () => {
  it.each(['human', 'github'])(
    'check --reporter %s: the name is refused (one line), no output line is an injected command',
    async (reporter) => {
      const file = write('nl.json', account('Acme\n::error::pwned%0A', 'S\n::add-mask::x'));
      const r = await runQwh(['check', file, '--reporter', reporter], { cwd: dir });
      expect(r.code, r.stdout).toBe(2);
      expect(r.stderr).toContain('account.name: must be one line (it holds a line break)');
      expect(r.stderr).toContain('websites[0].name: must be one line');
      for (const line of (r.stdout + r.stderr).split('\n')) {
        expect(line).not.toMatch(/^::(error|add-mask)::/);
      }
    },
  );
});

describe('a line break in a sender-chosen 1.0 id cannot start a workflow command either (#17 item 9)', () => {
  it('listen (human output): the id is shown on one line, `\\u000a` for the break', async () => {
    const child = spawn(process.execPath, [BIN, 'listen', '--version', '1'], {
      cwd: dir,
      env: { ...process.env, CI: '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    const closed = new Promise((r) => child.on('close', r));
    try {
      await vi.waitFor(() => expect(out).toMatch(/ready at http:\/\/[^\s]+/), { timeout: 15_000 });
      const url = /ready at (http:\/\/\S+)/.exec(out)![1]!;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'participation_id=a%0A::error::pwned%0A::add-mask::x&website_id=1',
      });
      expect(res.status).toBe(200);
      await vi.waitFor(() => expect(out).toContain('accepted'), { timeout: 15_000 });
    } finally {
      child.kill('SIGTERM');
      await closed;
    }
    expect(out).toContain('a\\u000a::error::pwned\\u000a::add-mask::x');
    for (const line of out.split('\n')) expect(line).not.toMatch(/^::(error|add-mask)::/);
  });
});

describe('commander usage errors echo the user text through the filter (#17 item 9)', () => {
  it.each([
    [['check', `--x${OSC}`], `unknown option '--x\\u001b]0;pwned\\u0007'`],
    [[`ch${OSC}eck`], `unknown command 'ch\\u001b]0;pwned\\u0007eck'`],
    [['migrate', `--only${OSC}\u009b2J`], `unknown option '--only\\u001b]0;pwned\\u0007\\u009b2J'`],
  ])('%j', async (args, shown) => {
    const r = await runQwh(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stderr).toContain(shown);
  });
});

describe.skipIf(!hasScript())(
  'prompts (inquirer writes to the terminal itself) (#17 item 9)',
  () => {
    it('the confirm prompt naming an account file called with an OSC sequence shows it, does not obey it', async () => {
      const name = `acme${OSC}\u202e.json`;
      write(name, account('Acme'));
      const s = startPty(['migrate', name, '--only', 'main'], { cwd: dir });
      await s.expect('acme\\u001b]0;pwned\\u0007\\u202e.json');
      await s.expect('?');
      s.send('\u0003');
      const { output } = await s.exit(20_000);
      // The pty helper strips CSI sequences and CR (inquirer's own drawing); an OSC title or a bidi
      // override left in the output came from the name.
      expect(output).not.toContain(OSC);
      expect(output).not.toContain('\u202e');
    });
  },
);
