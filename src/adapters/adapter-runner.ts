import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { stripAdapterTypes, type AdapterLanguage } from '../core/adapter/index.js';
import { ADAPTER_ERROR_KEY, type AdapterRun } from '../core/adapter/parity.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';
import { errnoOf } from './errno.js';
import { readRegularFile } from './read-file.js';

const A = MESSAGES.adapter;
/** A generated adapter is a few hundred lines; 8 MiB is far beyond any real one. */
const MAX_ADAPTER_BYTES = 8 * 1024 * 1024;

/** The language of an adapter file from its name (`--lang` overrides). */
export function languageOf(file: string, lang?: AdapterLanguage): AdapterLanguage {
  if (lang) return lang;
  const ext = /\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase();
  const byExt: Record<string, AdapterLanguage> = {
    js: 'js',
    mjs: 'js',
    ts: 'ts',
    mts: 'ts',
    py: 'python',
    jq: 'jq',
  };
  const found = ext !== undefined ? byExt[ext] : undefined;
  if (!found) throw new UserError(A.unknownLanguage(file), ExitCode.USAGE, A.unknownLanguageHint);
  return found;
}

const errorRecord = (e: unknown): Record<string, string> => ({
  [ADAPTER_ERROR_KEY]: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
});

/** Imports a JS (or type-stripped TS) adapter in-process from its text (a data: URL, no cache). */
async function inProcess(file: string, lang: 'js' | 'ts'): Promise<AdapterRun> {
  const text = (await readRegularFile(file, MAX_ADAPTER_BYTES, basename(file))).toString('utf8');
  const js = lang === 'ts' ? stripAdapterTypes(text) : text;
  let mod: { toV1?: unknown };
  try {
    mod = (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as {
      toV1?: unknown;
    };
  } catch (e) {
    throw new UserError(
      A.loadFailed(basename(file), e instanceof Error ? e.message : String(e)),
      ExitCode.USAGE,
      A.runtimeFailedHint,
    );
  }
  const toV1 = mod.toV1;
  if (typeof toV1 !== 'function')
    throw new UserError(A.noToV1(basename(file), 'toV1'), ExitCode.USAGE, A.noToV1Hint);
  return async (payloads) =>
    payloads.map((p) => {
      try {
        return (toV1 as (p: unknown) => unknown)(structuredClone(p));
      } catch (e) {
        return errorRecord(e);
      }
    });
}

const PY_DRIVER = `
import importlib.util, json, sys
sys.dont_write_bytecode = True
spec = importlib.util.spec_from_file_location("qwh_adapter", sys.argv[1])
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
if not callable(getattr(mod, "to_v1", None)):
    sys.stderr.write("the module defines no to_v1 function\\n")
    sys.exit(3)
for line in sys.stdin:
    try:
        out = mod.to_v1(json.loads(line))
    except Exception as e:
        out = {"${ADAPTER_ERROR_KEY}": type(e).__name__ + ": " + str(e)}
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\\n")
`;

/** Spawns a runtime with NDJSON on stdin and reads one JSON line per payload back. */
function spawnNdjson(
  runtime: string,
  args: readonly string[],
  payloads: readonly unknown[],
  shown: { file: string; lang: string; env: NodeJS.ProcessEnv },
): Promise<unknown[]> {
  return new Promise((done, fail) => {
    const child = spawn(runtime, args, { stdio: ['pipe', 'pipe', 'pipe'], env: shown.env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const childOut = child.stdout;
    childOut.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.length < 64 && err.push(b));
    child.stdin.on('error', () => undefined);
    child.on('error', (e) => {
      if (errnoOf(e) === 'ENOENT')
        fail(
          new UserError(
            A.runtimeMissing(runtime, shown.lang),
            ExitCode.USAGE,
            A.runtimeMissingHint(runtime),
          ),
        );
      else
        fail(
          new UserError(
            A.runtimeFailed(runtime, shown.file, errnoOf(e) ?? e.message),
            ExitCode.USAGE,
          ),
        );
    });
    child.on('close', (code) => {
      const why = Buffer.concat(err).toString('utf8').trim().split('\n').filter(Boolean).pop();
      if (code !== 0)
        return fail(
          new UserError(
            A.runtimeFailed(runtime, shown.file, why ?? `exit code ${code}`),
            ExitCode.USAGE,
            A.runtimeFailedHint,
          ),
        );
      const lines = Buffer.concat(out)
        .toString('utf8')
        .split('\n')
        .filter((l) => l !== '');
      try {
        done(lines.map((l) => JSON.parse(l) as unknown));
      } catch {
        fail(
          new UserError(
            A.runtimeFailed(runtime, shown.file, 'its output is not JSON lines'),
            ExitCode.USAGE,
          ),
        );
      }
    });
    child.stdin.end(
      payloads.map((p) => JSON.stringify(p)).join('\n') + (payloads.length ? '\n' : ''),
    );
  });
}

/** Runs a jq adapter on each payload; an error on one payload is that payload's result. */
async function jqRun(file: string, env: NodeJS.ProcessEnv): Promise<AdapterRun> {
  const program = (await readRegularFile(file, MAX_ADAPTER_BYTES, basename(file))).toString('utf8');
  return async (payloads) => {
    const dir = await mkdtemp(join(tmpdir(), 'qwh-adapter-'));
    try {
      const wrapper = join(dir, 'run.jq');
      await writeFile(
        wrapper,
        `inputs | try (\n${program}\n) catch {"${ADAPTER_ERROR_KEY}": tostring}\n`,
        { mode: 0o600 },
      );
      return await spawnNdjson('jq', ['-c', '-n', '-f', wrapper], payloads, {
        file: basename(file),
        lang: 'jq',
        env,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}

/**
 * The adapter at `file`, ready to run: JS and TS in-process (TS stripped of its generated
 * types), Python with `python3`, jq with `jq` (spawned; missing runtime = exit 2).
 */
export async function loadAdapter(
  cwd: string,
  file: string,
  lang: AdapterLanguage,
  env: NodeJS.ProcessEnv,
): Promise<AdapterRun> {
  const abs = resolve(cwd, file);
  if (lang === 'js' || lang === 'ts') return inProcess(abs, lang);
  if (lang === 'jq') return jqRun(abs, env);
  await readRegularFile(abs, MAX_ADAPTER_BYTES, basename(file));
  return (payloads) =>
    spawnNdjson('python3', ['-c', PY_DRIVER, abs], payloads, {
      file: basename(file),
      lang: 'python',
      env,
    });
}
