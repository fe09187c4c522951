// Small helpers for bench/run.js: run a command N times and keep wall time and peak RSS.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export const TIME_BIN = '/usr/bin/time';

/** Runs a command once; returns wall ms, peak RSS (MB, from GNU time) and its output. */
export function measure(cmd, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const useTime = existsSync(TIME_BIN);
  const r = useTime
    ? spawnSync(TIME_BIN, ['-f', 'QWH_RSS_KB=%M QWH_CPU_S=%U+%S', cmd, ...args], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        ...opts,
      })
    : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /QWH_RSS_KB=(\d+) QWH_CPU_S=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
  return {
    ms,
    rssMb: m ? Number(m[1]) / 1024 : NaN,
    // user + system seconds of the process (its children included), from GNU time.
    cpuS: m ? Number(m[2]) + Number(m[3]) : NaN,
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: (r.stderr ?? '').replace(/QWH_RSS_KB=\d+ QWH_CPU_S=[\d.]+\+[\d.]+\n?/, ''),
  };
}

/** Median, min and max of a list of numbers. */
export function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length };
}

/** Runs a command `runs` times (after `warmup` unmeasured runs); returns stats of time and RSS. */
export function repeat(cmd, args, { runs, warmup = 1, ...opts }) {
  for (let i = 0; i < warmup; i++) measure(cmd, args, opts);
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = measure(cmd, args, opts);
    if (r.status !== 0)
      throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 400)}`);
    results.push(r);
  }
  return {
    time: stats(results.map((r) => r.ms)),
    rss: stats(results.map((r) => r.rssMb)),
    last: results[results.length - 1],
  };
}

/** Starts a long-running process and resolves once its stdout (or stderr) matches `ready`. */
export function startProcess(cmd, args, ready, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let buf = '';
    const onData = (d) => {
      buf += d.toString();
      const m = ready.exec(buf);
      if (m) {
        // Keep draining both pipes: a child blocked on a full pipe would be measured as slow.
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        child.stdout.resume();
        child.stderr.resume();
        resolve({ child, match: m });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) =>
      reject(new Error(`${cmd} exited ${code} before ready: ${buf.slice(0, 400)}`)),
    );
    setTimeout(
      () => reject(new Error(`${cmd} not ready after 20 s: ${buf.slice(0, 400)}`)),
      20_000,
    ).unref();
  });
}

/** Stops a started process and waits for it. */
export function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

/** Installs Debian packages the benchmark drives (wrk, time) when missing and we are root. */
export function ensureApt(binaries) {
  const missing = binaries.filter(
    ([bin]) => spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0,
  );
  if (missing.length === 0) return [];
  const canInstall =
    process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (canInstall) {
    const pkgs = missing.map(([, pkg]) => pkg);
    process.stderr.write(`bench: apt-get install -y ${pkgs.join(' ')}\n`);
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
    spawnSync('apt-get', ['install', '-y', '-qq', ...pkgs], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  return binaries
    .filter(([bin]) => spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0)
    .map(([bin]) => bin);
}

export const fmt = {
  ms: (v) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`),
  mb: (v) => (Number.isFinite(v) ? `${v.toFixed(0)} MB` : 'n/a'),
  x: (v) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : 'n/a'),
  range: (s, f) => `${f(s.median)} (${f(s.min)}–${f(s.max)})`,
  int: (v) => Math.round(v).toLocaleString('en-US'),
};

/** CPU time (user + system, µs) a process has used so far, from /proc/PID/stat; NaN elsewhere. */
export function cpuMicros(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime is the 14th, stime the 15th.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1e6) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return Number(r.stdout?.trim()) || 100;
})();

/** The median of per-round ratios a[i] / b[i], with min and max. */
export function ratioStats(a, b) {
  return stats(a.map((v, i) => v / b[i]).filter(Number.isFinite));
}
