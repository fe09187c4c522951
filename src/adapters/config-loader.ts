import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import type { QwhConfig } from '../core/config-schema.js';
import { decodeUtf8 } from '../core/input/decode.js';
import {
  ACCOUNT_FILE_LIMITS,
  MAX_ACCOUNT_FILE_BYTES,
  type StructureLimits,
} from '../core/input/limits.js';
import { detectFormat, parseJsonDocumentText } from '../core/input/parse-json-document.js';
import { zodIssuesToProblems } from '../core/zod-problems.js';
import { MESSAGES } from '../messages/index.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { COMMON_OPTIONS } from '../core/options/common.js';
import { resolveOptions } from '../core/options/resolve.js';
import { problemsError } from './problems-error.js';
import { kindOf, readRegularFile } from './read-file.js';

/** Data formats only: no qwh.config.js, so reading config never runs code. */
export const CONFIG_SEARCH_PLACES = [
  'package.json',
  '.qwhrc',
  '.qwhrc.json',
  '.qwhrc.yaml',
  '.qwhrc.yml',
  'qwh.config.json',
  'qwh.config.yaml',
  'qwh.config.yml',
];

/** Extensions cosmiconfig would load by running them. */
const CODE_EXTENSIONS = ['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts'];

/** True for a config name qwh reads as data: .json, .yaml, .yml, or no extension (.qwhrc). */
export function isDataConfigName(file: string): boolean {
  const ext = extname(basename(file)).toLowerCase();
  return ext === '' || ['.json', '.yaml', '.yml'].includes(ext);
}

export interface LoadedConfig {
  config: QwhConfig;
  /** Absolute path of the file, or undefined when none was found. */
  path?: string;
  /** Folder relative paths in the config are resolved from. */
  dir: string;
}

/** Our own loader: size cap, UTF-8 check, duplicate keys, depth/alias limits, for every format. */
function dataLoader(cwd: string, limits: StructureLimits): (filepath: string) => Promise<unknown> {
  return async (filepath) => {
    const shown = relative(cwd, filepath) || filepath;
    const text = decodeUtf8(await readRegularFile(filepath, MAX_ACCOUNT_FILE_BYTES, shown), shown);
    const format = filepath.endsWith('.qwhrc')
      ? detectFormat('', text)
      : detectFormat(filepath, text);
    // The YAML parser (and zod, below) load only for a config that is there to read.
    const parsed =
      format === 'json'
        ? parseJsonDocumentText(text, limits)
        : (await import('../core/input/parse-document.js')).parseDocumentText(text, format, limits);
    if (!parsed.ok) throw problemsError(shown, parsed.problems, MESSAGES.config.invalidHint);
    return parsed.value;
  };
}

/** cosmiconfig 9's meta-config places, read in process.cwd() before any search (its defaults.js). */
const META_PLACES = [
  'package.yaml',
  '.config/config.json',
  '.config/config.yaml',
  '.config/config.yml',
  '.config/config.js',
  '.config/config.ts',
  '.config/config.cjs',
  '.config/config.mjs',
];

/**
 * True only when cosmiconfig's search, as loadConfig configures it, would provably find nothing,
 * so loadConfig can answer {} without loading cosmiconfig (start-up: bench/BENCHMARKS.md §1).
 * It walks what cosmiconfig 9 walks: its meta config in `metaDir` (process.cwd(): a
 * package.json with a `cosmiconfig` key, package.yaml, .config/config.*), then CONFIG_SEARCH_PLACES
 * from cwd up to the first folder with a package.json or package.yaml. A package.json is read with
 * the same loader cosmiconfig is given and must be a JSON object without a `qwh` (or `cosmiconfig`)
 * key. Anything else — a candidate that exists, a package.json that does not parse, an unusual
 * stat error — answers false, and cosmiconfig runs as before (with the same errors).
 * test/adapters/config-loader-fast.test.ts compares both paths on every case.
 */
export async function provablyNoConfig(
  cwd: string,
  load: (filepath: string) => Promise<unknown>,
  metaDir: string = process.cwd(),
): Promise<boolean> {
  const exists = async (p: string): Promise<boolean | undefined> => {
    try {
      await stat(p);
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR' ? false : undefined;
    }
  };
  const plainPackage = async (p: string): Promise<boolean> => {
    let text: string;
    try {
      text = await readFile(p, 'utf8');
      const meta: unknown = JSON.parse(text); // cosmiconfig reads its meta config with parse-json
      const value = await load(p);
      return [meta, value].every(
        (v) =>
          typeof v === 'object' &&
          v !== null &&
          !Array.isArray(v) &&
          !('qwh' in v) &&
          !('cosmiconfig' in v),
      );
    } catch {
      return false;
    }
  };
  const metaPackage = join(resolve(metaDir), 'package.json');
  const metaHas = await exists(metaPackage);
  if (metaHas === undefined || (metaHas && !(await plainPackage(metaPackage)))) return false;
  for (const place of META_PLACES)
    if ((await exists(join(resolve(metaDir), place))) !== false) return false;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const place of CONFIG_SEARCH_PLACES) {
      const p = join(dir, place);
      const has = await exists(p);
      if (has === undefined) return false;
      if (has && (place !== 'package.json' || !(await plainPackage(p)))) return false;
    }
    const stops = await Promise.all(
      ['package.json', 'package.yaml'].map((f) => exists(join(dir, f))),
    );
    if (stops.includes(undefined)) return false;
    if (stops.includes(true) || dirname(dir) === dir) return true;
  }
}

/**
 * Finds and validates the qwh config (from cwd upwards, or the explicit file); {} when there is
 * none. `limits` is for tests that prove a bound without building a document that big.
 */
export async function loadConfig(
  cwd: string,
  explicit?: string,
  limits: StructureLimits = ACCOUNT_FILE_LIMITS,
): Promise<LoadedConfig> {
  const safeLoad = dataLoader(cwd, limits);
  // No config on disk, provably (see provablyNoConfig): answer without loading cosmiconfig.
  if (!explicit && (await provablyNoConfig(cwd, safeLoad))) return { config: {}, dir: cwd };
  // cosmiconfig's own loaders (.js, .cjs, .mjs, .ts) run code: every one of them refuses here.
  const refuseCode = (filepath: string): never => {
    throw new UserError(
      MESSAGES.config.notData(relative(cwd, filepath) || filepath),
      ExitCode.USAGE,
      MESSAGES.config.notDataHint,
    );
  };
  const codeLoaders = Object.fromEntries(CODE_EXTENSIONS.map((ext) => [ext, refuseCode]));
  const { createExplorer } = await import('./config-search.js');
  const explorer = createExplorer({
    searchPlaces: CONFIG_SEARCH_PLACES,
    searchStrategy: 'project',
    loaders: {
      ...codeLoaders,
      '.json': safeLoad,
      '.yaml': safeLoad,
      '.yml': safeLoad,
      noExt: safeLoad,
    },
    cache: false,
  });
  // cosmiconfig reads a candidate before our loader sees it: a FIFO would hang the run, /dev/zero
  // exhaust memory, a folder crash it. Vet what it is about to read, the same way it walks.
  // An explicit path is data too: refused by its extension before anything reads it.
  if (explicit && !isDataConfigName(explicit)) refuseCode(resolve(cwd, explicit));
  if (explicit)
    await readRegularFile(
      resolve(cwd, explicit),
      MAX_ACCOUNT_FILE_BYTES,
      explicit,
      MESSAGES.config.notFoundHint,
    );
  else await refuseIrregularCandidates(cwd);
  const result = explicit ? await explorer.load(explicit) : await explorer.search(cwd);
  if (!result || result.isEmpty || result.config === undefined || result.config === null)
    return { config: {}, dir: cwd };
  const shown = relative(cwd, result.filepath) || result.filepath;
  const label = result.filepath.endsWith('package.json') ? `${shown}#qwh` : shown;
  const { ConfigSchema } = await import('../core/config-schema.js');
  const parsed = ConfigSchema.safeParse(result.config);
  if (!parsed.success)
    throw problemsError(
      label,
      zodIssuesToProblems(parsed.error.issues),
      MESSAGES.config.invalidHint,
    );
  return { config: parsed.data, path: result.filepath, dir: dirname(result.filepath) };
}

/**
 * Walks the folders cosmiconfig's "project" search reads, in its order, and refuses (exit 2) a
 * config candidate that exists but is not a regular file, before cosmiconfig reads it.
 */
async function refuseIrregularCandidates(cwd: string): Promise<void> {
  const kind = async (p: string): Promise<'none' | 'file' | string> => {
    try {
      const st = await stat(p);
      return st.isFile() ? 'file' : (kindOf(st) ?? 'special file');
    } catch {
      return 'none';
    }
  };
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const place of CONFIG_SEARCH_PLACES) {
      const p = join(dir, place);
      const k = await kind(p);
      if (k !== 'none' && k !== 'file') {
        const shown = relative(cwd, p) || p;
        throw new UserError(
          MESSAGES.input.notRegular(shown, k),
          ExitCode.USAGE,
          MESSAGES.config.irregularHint,
        );
      }
      if (k === 'file' && place !== 'package.json') return; // the config cosmiconfig will take
    }
    const stops = await Promise.all(
      ['package.json', 'package.yaml'].map((f) => kind(join(dir, f))),
    );
    if (stops.some((k) => k !== 'none') || dirname(dir) === dir) return;
  }
}

/** The config a command runs with: `--config FILE` (the common option) or the one found from the cwd up. */
export async function loadCommandConfig(
  ctx: { cwd: string; env: NodeJS.ProcessEnv },
  flags: Readonly<Record<string, unknown>>,
): Promise<LoadedConfig> {
  const { config } = resolveOptions(COMMON_OPTIONS, { flags, env: ctx.env });
  return loadConfig(ctx.cwd, config);
}
