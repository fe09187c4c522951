import { request as httpRequest } from 'node:http';
import { spawn } from 'node:child_process';
import { BIN, ROOT } from './bin.js';

export interface Listening {
  url: string;
  /** Sends SIGTERM and resolves with the exit status and everything printed. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** Spawns the built `qwh listen --json …` and resolves once it printed its ready line. */
export function spawnListen(
  args: readonly string[],
  env: Record<string, string> = {},
  cwd = ROOT,
): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'listen', '--json', ...args], {
      cwd,
      env: { ...process.env, CI: '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let ready = false;
    const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((r) =>
      child.on('close', (code) => r({ code, stdout, stderr })),
    );
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`listen did not get ready: ${stderr}`));
    }, 20_000);
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
      const first = stdout.split('\n')[0];
      if (!ready && stdout.includes('\n') && first) {
        ready = true;
        clearTimeout(timer);
        const ev = JSON.parse(first) as { event: string; url: string };
        resolve({
          url: ev.url,
          stop: async (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    });
    void exited.then((r) => {
      if (!ready) {
        clearTimeout(timer);
        reject(new Error(`listen exited ${r.code}: ${r.stderr}`));
      }
    });
  });
}

/** The participation ids of a `qwh listen --save` file (capture records: the body is base64). */
export function savedIds(text: string): string[] {
  return text
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { body: string }).body)
    .map((b) => (JSON.parse(Buffer.from(b, 'base64').toString('utf8')) as { id: string }).id);
}

/** The status and text of a listen's answer. */
export interface Answer {
  status: number;
  body: string;
}

/** One POST on a fresh connection (no keep-alive agent), its answer read whole. */
export function post(
  url: string,
  body: Buffer | string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
