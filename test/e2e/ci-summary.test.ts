import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/messages/index.js';
import { FIXTURES, runQwh, tempDir } from '../helpers/bin.js';

const S = MESSAGES.summary;

// #16: README promised "a job summary" for the GitHub Action; nothing wrote $GITHUB_STEP_SUMMARY.
describe('GitHub job summary ($GITHUB_STEP_SUMMARY) and --reporter github --out', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let srv: Server;
  let url = '';
  beforeAll(async () => {
    tmp = await tempDir('qwh-summary-');
    // A receiver that accepts nothing: the accept checks fail, with reasons.
    srv = createServer((req, res) => {
      req.resume();
      res.writeHead(500).end('no');
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    srv.closeAllConnections();
    await new Promise((r) => srv.close(r));
    await tmp.cleanup();
  });
  const summaryFile = (name: string): string => join(tmp.dir, `${name}.md`);

  it('test-endpoint appends a verdict table and the failed checks with reasons; github annotations stay on stdout with --out, the file gets JSON', async () => {
    const file = summaryFile('endpoint');
    const r = await runQwh(
      ['test-endpoint', url, '--reporter', 'github', '--out', 'report.json', '--no-progress'],
      { cwd: tmp.dir, env: { GITHUB_STEP_SUMMARY: file, CI: 'true' } },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error title=qwh test-endpoint%3A accepts-complete::/m);
    const doc = JSON.parse(readFileSync(join(tmp.dir, 'report.json'), 'utf8')) as {
      verdict: string;
      checks: Array<{ id: string; status: string; reason: string }>;
    };
    expect(doc.verdict).toBe('fail');
    const md = readFileSync(file, 'utf8');
    expect(md).toContain(S.endpointTitle(url));
    expect(md).toContain(S.checkHeader);
    expect(md).toContain(S.failedTitle);
    const failed = doc.checks.find((c) => c.id === 'accepts-complete')!;
    expect(failed.status).toBe('fail');
    expect(md).toContain(`- \`accepts-complete\`: ${failed.reason}`);
    for (const c of doc.checks) expect(md).toContain(`| \`${c.id}\` | ${c.status} |`);
  });

  it('diff-payload appends the counts and breaking rows; a second command appends, never replaces', async () => {
    const file = summaryFile('diff');
    const v1 = join(FIXTURES, 'payloads/v1');
    expect(existsSync(v1)).toBe(true);
    const first = await runQwh(['diff-payload', '--no-progress'], {
      cwd: tmp.dir,
      env: { GITHUB_STEP_SUMMARY: file },
    });
    expect(first.code).toBe(0);
    const once = readFileSync(file, 'utf8');
    expect(once).toContain(S.diffTitle);
    expect(once).toContain(S.noBreaking);
    const again = await runQwh(['diff-payload', '--no-progress', '--json'], {
      cwd: tmp.dir,
      env: { GITHUB_STEP_SUMMARY: file },
    });
    const report = JSON.parse(again.stdout) as { summary: { fields: number; breaking: number } };
    expect(readFileSync(file, 'utf8')).toBe(once + once);
    expect(once).toContain(`${report.summary.fields} 1.0 fields`);
  });

  it('migrate --dry-run appends the plan summary, its blockers and the routing verdict; without the variable nothing is written', async () => {
    const file = summaryFile('plan');
    for (const f of ['lost-routing.yaml', 'acme.yaml'])
      copyFileSync(join(FIXTURES, 'accounts', f), join(tmp.dir, f));
    const blocked = await runQwh(['migrate', 'lost-routing.yaml', '--dry-run'], {
      cwd: tmp.dir,
      env: { GITHUB_STEP_SUMMARY: file },
    });
    expect(blocked.stderr).not.toContain('job summary');
    const md = readFileSync(file, 'utf8');
    expect(md).toContain(S.planTitle('lost-routing.yaml'));
    expect(md).toContain(S.blockersTitle(1));
    expect(md).toContain(S.routingNotPreserved(1));
    const clean = await runQwh(['migrate', 'acme.yaml', '--dry-run'], {
      cwd: tmp.dir,
      env: { GITHUB_STEP_SUMMARY: file },
    });
    expect(clean.code).toBe(0);
    const both = readFileSync(file, 'utf8');
    expect(both.slice(md.length)).toContain(S.noBlockers);
    expect(both.slice(md.length)).toContain(S.routingPreserved);
    const none = await runQwh(['migrate', 'acme.yaml', '--dry-run'], {
      cwd: tmp.dir,
      env: { GITHUB_STEP_SUMMARY: '' },
    });
    expect(none.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(both);
  });

  it('an unwritable summary file is a warning, not a failure', async () => {
    const r = await runQwh(['diff-payload', '--no-progress'], {
      cwd: tmp.dir,
      env: { GITHUB_STEP_SUMMARY: join(tmp.dir, 'missing-dir', 's.md') },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: could not append the job summary');
  });

  it('diff-payload --reporter junit / github: breaking fields are failures and ::error lines; the summary lists them', async () => {
    const v1 = join(FIXTURES, 'payloads/v1/sample-seed-7.json');
    const v2 = join(FIXTURES, 'payloads/v2/sample-seed-7.json');
    const json = await runQwh(['diff-payload', v1, v2, '--json'], { cwd: tmp.dir });
    const report = JSON.parse(json.stdout) as {
      fields: Array<{ v1Path: string; breaking: boolean; class: string }>;
    };
    const breaking = report.fields.filter((f) => f.breaking);
    expect(breaking.length).toBeGreaterThan(0); // the fixture has a removed field
    const file = summaryFile('diff-breaking');
    const junit = await runQwh(['diff-payload', v1, v2, '--reporter', 'junit'], {
      cwd: tmp.dir,
      env: { GITHUB_STEP_SUMMARY: file },
    });
    expect(junit.code).toBe(0);
    expect(junit.stdout).toContain(`tests="${report.fields.length}" failures="${breaking.length}"`);
    for (const f of breaking)
      expect(junit.stdout).toMatch(
        new RegExp(
          `name="${f.v1Path}" time="[\\d.]+">\\n\\s+<failure message="${f.v1Path}: ${f.class}`,
        ),
      );
    const md = readFileSync(file, 'utf8');
    for (const f of breaking) expect(md).toContain(`| \`${f.v1Path}\` |`);
    const gh = await runQwh(
      ['diff-payload', v1, v2, '--reporter', 'github', '--fail-on', 'breaking'],
      {
        cwd: tmp.dir,
      },
    );
    expect(gh.code).toBe(1);
    for (const f of breaking)
      expect(gh.stdout).toContain(`::error title=qwh diff-payload%3A ${f.v1Path}::`);
    expect(gh.stdout).toMatch(/^::error title=qwh diff-payload::/m);
  });

  it('check --reporter junit / github: each problem of an invalid file is a failure / an ::error (exit 2 still)', async () => {
    const bad = join(FIXTURES, 'accounts/invalid-wrong-type.yaml');
    const json = await runQwh(['check', bad, '--json'], { cwd: tmp.dir });
    const problems = (JSON.parse(json.stdout) as { problems: Array<{ message: string }> }).problems;
    expect(problems.length).toBeGreaterThan(1);
    const junit = await runQwh(['check', bad, '--reporter', 'junit'], { cwd: tmp.dir });
    expect(junit.code).toBe(2);
    expect(junit.stdout).toContain(`tests="${problems.length}" failures="${problems.length}"`);
    for (const p of problems) expect(junit.stdout).toContain(`<failure message="${p.message}"`);
    const gh = await runQwh(['check', bad, '--reporter', 'github'], { cwd: tmp.dir });
    expect(gh.code).toBe(2);
    expect(gh.stdout.trim().split('\n')).toHaveLength(problems.length);
    for (const p of problems)
      expect(gh.stdout).toMatch(new RegExp(`^::error file=.+::${p.message}$`, 'm'));
    const ok = await runQwh(
      ['check', join(FIXTURES, 'accounts/acme.yaml'), '--reporter', 'junit'],
      { cwd: tmp.dir },
    );
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('tests="1" failures="0"');
  });
});
