import { spawn, type ChildProcess } from 'node:child_process';
import { BIN, ROOT } from './bin.js';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A running qwh: its output so far, a wait for a line on stderr, and its exit. */
export interface Running {
  child: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves when stderr contains `text`; rejects if the process exits or `ms` pass first. */
  waitForStderr(text: string, ms?: number): Promise<void>;
  exited: Promise<Exit>;
}

/**
 * Spawns the built bin (no TTY, CI unset) and keeps it running, so a test can signal it at a
 * chosen moment. `prefix` runs it through another program (bash -c '…', setpriv …) when given:
 * the bin and its arguments are appended.
 */
export function spawnQwh(
  args: readonly string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; prefix?: string[] } = {},
): Running {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({
    ...process.env,
    CI: '',
    NO_COLOR: '1',
    FORCE_COLOR: undefined,
    ...opts.env,
  }))
    if (v !== undefined) env[k] = v;
  const argv = [process.execPath, BIN, ...args];
  const [cmd, ...rest] = opts.prefix ? [...opts.prefix, ...argv] : argv;
  const child = spawn(cmd!, rest, {
    cwd: opts.cwd ?? ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => {
    err += b.toString();
    for (const w of waiters) w();
  });
  const kill = setTimeout(() => child.kill('SIGKILL'), 50_000);
  let done = false;
  const exited = new Promise<Exit>((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(kill);
      done = true;
      for (const w of waiters) w();
      resolve({ code, signal, stdout: out, stderr: err });
    }),
  );
  return {
    child,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForStderr: (text, ms = 20_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no "${text}" on stderr within ${ms} ms:\n${err}`));
        }, ms);
        const check = (): void => {
          if (err.includes(text)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          } else if (done) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(new Error(`exited before "${text}" appeared on stderr:\n${err}`));
          }
        };
        waiters.add(check);
        check();
      }),
  };
}

/** Every form a secret could leak in: plain, URL-encoded, base64 (with and without padding). */
export function leakForms(secret: string): string[] {
  const b64 = Buffer.from(secret, 'utf8').toString('base64');
  return [...new Set([secret, encodeURIComponent(secret), b64, b64.replace(/=+$/, '')])].filter(
    (f) => f.length >= 4,
  );
}
