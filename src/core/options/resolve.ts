import { isAbsolute, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { OPTIONS_MESSAGES as O } from '../../messages/options.js';
import type {
  OptionSource,
  OptionSpec,
  OptionTable,
  Resolved,
  ResolvedOptions,
  ValueType,
} from './spec.js';

/** Everything a command's input may come from, lowest layer last. */
export interface OptionSources {
  /** Commander's parsed options (only what was given on the command line). */
  flags: Readonly<Record<string, unknown>>;
  /** Positional arguments, as commander parsed them. */
  args?: readonly (string | undefined)[];
  env: Readonly<Record<string, string | undefined>>;
  /** The command's config section, already validated by its zod schema. */
  config?: Readonly<Record<string, unknown>> | undefined;
  /** Folder of the config file: its relative paths are relative to it. */
  configDir?: string;
  /** Values taken from the account file (below config, above defaults). */
  fallback?: Readonly<Record<string, unknown>>;
}

/** The long flag of a row (`--timeout`), or its key when it has none. */
export function longFlag(row: OptionSpec): string {
  const m = row.flags?.match(/--[a-z0-9-]+/);
  return m ? m[0] : row.key;
}

function parseInt(where: string, raw: unknown, v: Extract<ValueType, { type: 'int' }>): number {
  const n = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < v.min || n > v.max)
    throw new UserError(O.badNumber(where, String(raw), v.min, v.max), ExitCode.USAGE);
  return n;
}

function parseChoice(where: string, raw: unknown, values: readonly string[]): string {
  const s = String(raw);
  if (!values.includes(s)) throw new UserError(O.badChoice(where, s, values), ExitCode.USAGE);
  return s;
}

/** Parses a value given as text (command line, environment) into its type, or a usage error naming where. */
function fromText(where: string, raw: unknown, v: ValueType): unknown {
  switch (v.type) {
    case 'int':
      return parseInt(where, raw, v);
    case 'choice':
      return parseChoice(where, raw, v.values);
    case 'version':
      return Number(parseChoice(where, raw, ['1', '2'])) as 1 | 2;
    case 'list':
      return Array.isArray(raw)
        ? raw.map(String)
        : String(raw)
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (/^(1|true|yes)$/i.test(String(raw))) return true;
      if (/^(0|false|no)$/i.test(String(raw))) return false;
      throw new UserError(O.badBoolean(where, String(raw)), ExitCode.USAGE);
    case 'env-name':
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(String(raw)))
        throw new UserError(O.badEnvName(where, String(raw)), ExitCode.USAGE);
      return String(raw);
    default:
      return raw;
  }
}

/** One row's value and its source, or undefined when no layer sets it. */
function resolveRow(
  row: OptionSpec,
  src: OptionSources,
): { value: unknown; source: OptionSource } | undefined {
  const flag = row.flags ? src.flags[row.key] : undefined;
  if (flag !== undefined)
    return { value: fromText(longFlag(row), flag, row.value), source: 'flag' };
  const arg = row.arg !== undefined ? src.args?.[row.arg] : undefined;
  if (arg !== undefined) return { value: fromText(row.key, arg, row.value), source: 'arg' };
  const env = row.env ? src.env[row.env] : undefined;
  // An empty variable is unset: CI templates export every name, most of them blank.
  if (env !== undefined && env !== '')
    return { value: fromText(row.env as string, env, row.value), source: 'env' };
  const conf = row.config ? src.config?.[row.config] : undefined;
  if (conf !== undefined) {
    const value =
      row.value.type === 'path' && typeof conf === 'string' && src.configDir !== undefined
        ? isAbsolute(conf)
          ? conf
          : resolve(src.configDir, conf)
        : conf;
    return { value, source: 'config' };
  }
  const fb = src.fallback?.[row.key];
  if (fb !== undefined) return { value: fb, source: 'account' };
  if (row.default !== undefined) return { value: row.default, source: 'default' };
  return undefined;
}

/**
 * Resolves a command's input from its option table with the one precedence qwh has everywhere:
 * flag (or positional argument) > `QWH_*` environment > config file > account file > default.
 * Text values are parsed and bounded here (the config file was checked by its schema when read);
 * a bad value is a usage error naming the flag or the variable it came from.
 */
export function resolveOptions<T extends OptionTable>(table: T, src: OptionSources): Resolved<T> {
  const out: Record<string, unknown> = {};
  const sources: Record<string, OptionSource> = {};
  for (const row of table.rows) {
    const r = resolveRow(row, src);
    if (!r) continue;
    out[row.key] = r.value;
    sources[row.key] = r.source;
  }
  return { ...(out as ResolvedOptions<T>), sources };
}
