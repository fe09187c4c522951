import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';
import { ROOT } from './helpers/bin.js';

const ENTRY = pathToFileURL(join(ROOT, 'dist/index.js')).href;
const FUNCTIONS = ['planMigration', 'runDiffPayload', 'runMigrate', 'runTestEndpoint'];

/** Runs `node -e code` as an ES module, timing it; killed after `timeoutMs`. */
function node(
  code: string,
  timeoutMs = 10_000,
): Promise<{
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  ms: number;
}> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: undefined },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (c, signal) => {
      clearTimeout(timer);
      resolve({ code: c, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

describe('library entry (src/index.ts): importing it does nothing', () => {
  it('a process that only imports dist/index.js prints nothing and exits at once, by itself', async () => {
    const r = await node(`await import(${JSON.stringify(ENTRY)});`);
    expect(r.signal).toBeNull(); // not killed: nothing held the event loop open
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    // Loading the modules takes a few hundred ms; a timer or socket left open would hold it longer.
    expect(r.ms).toBeLessThan(5_000);
  });

  it('adds no process listener (signals, exit, warnings), no stdout/stderr listener and no timer', async () => {
    // The probe compares the process before and after the import and reports the difference.
    const probe = `
      const listeners = () => Object.fromEntries(process.eventNames().map((e) => [String(e), process.listenerCount(e)]));
      const streams = () => ({ stdout: process.stdout.eventNames().map((e) => [String(e), process.stdout.listenerCount(e)]), stderr: process.stderr.eventNames().map((e) => [String(e), process.stderr.listenerCount(e)]) });
      // The ESM loader closes each module file it read after the import settles (CloseReq): its own, not ours.
      const resources = () => process.getActiveResourcesInfo().filter((r) => !['TTYWrap', 'PipeWrap', 'CloseReq'].includes(r)).sort();
      const before = { listeners: listeners(), streams: streams(), resources: resources() };
      const mod = await import(${JSON.stringify(ENTRY)});
      const after = { listeners: listeners(), streams: streams(), resources: resources() };
      process.stdout.write(JSON.stringify({ before, after, exports: Object.keys(mod).sort() }));
    `;
    const r = await node(probe);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { before, after, exports } = JSON.parse(r.stdout) as {
      before: { listeners: object; streams: object; resources: string[] };
      after: { listeners: object; streams: object; resources: string[] };
      exports: string[];
    };
    expect(after.listeners).toEqual(before.listeners);
    expect(after.streams).toEqual(before.streams);
    expect(after.resources).toEqual(before.resources);
    expect(after.resources.filter((x) => /Timeout|Immediate/.test(x))).toEqual([]);
    expect(exports).toEqual(FUNCTIONS);
  });

  it("resolves as the package's own name: import { runTestEndpoint } from 'qwh'", async () => {
    const r = await node(
      `const m = await import('qwh'); process.stdout.write(typeof m.runTestEndpoint);`,
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('function');
  });

  it('each export is a function (in-process, from the source)', () => {
    expect(Object.keys(lib).sort()).toEqual(FUNCTIONS);
    for (const name of FUNCTIONS)
      expect(typeof (lib as Record<string, unknown>)[name], name).toBe('function');
  });
});
