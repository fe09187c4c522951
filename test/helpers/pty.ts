import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN, ROOT } from './bin.js';

/**
 * An expect-style driver for the built bin on a REAL pseudo-terminal, so prompts run exactly as
 * for an admin at a keyboard (raw mode, arrow keys, TTY detection). The terminal comes from
 * `script` (util-linux, in Debian's essential set, so every CI image has it; no native addon,
 * no extra package): `script` allocates the pty, runs qwh in it, and relays our pipe to it.
 */
export const KEYS = { enter: '\r', down: '\u001b[B', up: '\u001b[A', ctrlC: '\u0003' } as const;

// eslint-disable-next-line no-control-regex -- terminal control sequences are what is stripped
const CONTROL = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[()][0-9A-Za-z]|\u001b[=>]|\r/g;

/** True when `script` (util-linux) is available to provide a pseudo-terminal. */
export function hasScript(): boolean {
  return spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
}

export interface PtySession {
  /** Waits until the screen output (control sequences stripped) shows `pattern` after the last match. */
  expect(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Types text (use KEYS for Enter, arrows). */
  send(text: string): void;
  /** Waits for the end; returns qwh's exit code and everything the terminal showed. */
  exit(timeoutMs?: number): Promise<{ code: number | null; output: string }>;
  /** Everything shown so far, control sequences stripped. */
  output(): string;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Starts `qwh <args>` on a pseudo-terminal (120×40, no colour, CI unset unless given). */
export function startPty(
  args: readonly string[],
  opts: { cwd: string; env?: Record<string, string | undefined> },
): PtySession {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({
    ...process.env,
    CI: '',
    NO_COLOR: '1',
    FORCE_COLOR: undefined,
    TERM: 'xterm-256color',
    SHELL: '/bin/sh',
    ...opts.env,
  }))
    if (v !== undefined) env[k] = v;
  const cmd = `stty cols 120 rows 40; exec ${[process.execPath, BIN, ...args].map(shellQuote).join(' ')}`;
  // -q quiet, -f flush each write, -e return the child's exit code, log to /dev/null.
  const child: ChildProcessWithoutNullStreams = spawn('script', ['-qfec', cmd, '/dev/null'], {
    cwd: opts.cwd ?? ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let raw = '';
  let cursor = 0;
  const waiters = new Set<() => void>();
  const onData = (b: Buffer): void => {
    raw += b.toString('utf8');
    for (const w of waiters) w();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  let done = false;
  void exited.then(() => {
    done = true;
    for (const w of waiters) w();
  });
  const clean = (): string => raw.replace(CONTROL, '');

  return {
    output: clean,
    send(text) {
      child.stdin.write(text);
    },
    expect(pattern, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const text = clean();
          const rest = text.slice(cursor);
          const m = typeof pattern === 'string' ? rest.indexOf(pattern) : rest.search(pattern);
          if (m >= 0) {
            const len =
              typeof pattern === 'string' ? pattern.length : (rest.match(pattern)?.[0].length ?? 0);
            cursor += m + len;
            resolve(rest.slice(0, m + len));
            return true;
          }
          if (done) {
            reject(new Error(`qwh ended before showing ${String(pattern)}; screen:\n${text}`));
            return true;
          }
          return false;
        };
        if (check()) return;
        const waiter = (): void => {
          if (check()) {
            waiters.delete(waiter);
            clearTimeout(timer);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`timed out waiting for ${String(pattern)}; screen:\n${clean()}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async exit(timeoutMs = 20_000) {
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      child.stdin.end();
      return { code, output: clean() };
    },
  };
}
