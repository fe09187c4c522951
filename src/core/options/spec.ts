/**
 * One option table per command (npm-check-updates' idea): each row is a flag, the `QWH_*`
 * environment variable, the config key and the value's type with its bounds, and the default.
 * The same rows register the commander options (src/cli/options.ts), compose the config file's
 * zod schema (./config-zod.ts), resolve a command's input with one precedence rule
 * (./resolve.ts) and generate the README's option tables (scripts/gen-options.js).
 *
 * Rows are plain data — no zod — so `qwh --help` can build the program without loading a schema.
 */

/** The type of an option's value, with its bounds. */
export type ValueType =
  | { readonly type: 'int'; readonly min: number; readonly max: number; readonly unit?: string }
  | { readonly type: 'choice'; readonly values: readonly string[] }
  /** 1 or 2: a webhook or payload version (a number in config, a choice on the command line). */
  | { readonly type: 'version' }
  | { readonly type: 'string' }
  /** A file or folder: from config, relative to the config file's folder; else to the cwd. */
  | { readonly type: 'path' }
  | { readonly type: 'url' }
  /** The name of an environment variable. */
  | { readonly type: 'env-name' }
  | { readonly type: 'boolean' }
  /** Comma-separated on the command line and in the environment; a list in config. */
  | { readonly type: 'list' }
  /** Config only: where a secret is read from, `{ env: NAME }` or `{ file: PATH }`. */
  | { readonly type: 'secret-ref' }
  /** Config only: `{ name, value: { env } | { file } }`. */
  | { readonly type: 'auth-header' };

/** One row of a command's option table. */
export interface OptionSpec {
  /** Property of the resolved input (and commander's attribute name for the flag). */
  readonly key: string;
  /** Commander flags (`--timeout <ms>`, `-y, --yes`); absent for config-only or positional rows. */
  readonly flags?: string;
  /** The positional argument this row reads (index into the command's arguments). */
  readonly arg?: number;
  readonly description: string;
  readonly value: ValueType;
  /** Environment variable (`QWH_TIMEOUT_MS`); an empty value counts as unset. */
  readonly env?: string;
  /** Key of this row in the command's config section (qwh.config.* › section.key). */
  readonly config?: string;
  readonly default?: string | number | boolean | readonly string[];
  /** Also register `--no-<flag>` (a boolean that config may turn on and the command line off). */
  readonly negatable?: boolean;
  /** Help line of the `--no-<flag>` form (else a generic one). */
  readonly negatedDescription?: string;
  /** Left out of --help (aliases). */
  readonly hidden?: boolean;
  /** May be given several times (`--rule a --rule b`): a `list` row collects each value whole. */
  readonly repeatable?: boolean;
  /** Commander refuses the command without it (`--signature` of verify). */
  readonly required?: boolean;
  /**
   * A file qwh writes (`--out`, `--runbook`): checked writable before the command does anything,
   * so a typo in an output path never fails after an effect.
   */
  readonly output?: boolean;
}

/** A command's option table: the rows, and the config section they live in. */
export interface OptionTable {
  readonly command: string;
  /** Config section (`testEndpoint`); rows with `config` keys live there. */
  readonly section?: string;
  readonly rows: readonly OptionSpec[];
}

type TsOf<V extends ValueType> = V extends { type: 'int' }
  ? number
  : V extends { type: 'choice'; values: readonly (infer C)[] }
    ? C
    : V extends { type: 'version' }
      ? 1 | 2
      : V extends { type: 'boolean' }
        ? boolean
        : V extends { type: 'list' }
          ? string[]
          : V extends { type: 'secret-ref' }
            ? SecretFrom
            : V extends { type: 'auth-header' }
              ? { name: string; value: SecretFrom }
              : string;

/** Where a secret in config is read from (never the secret itself). */
export type SecretFrom = { env: string } | { file: string };

/** The resolved input of a table: each row's value, `undefined` unless it has a default. */
export type ResolvedOptions<T extends OptionTable> = {
  -readonly [R in T['rows'][number] as R['key']]: R extends { default: unknown }
    ? TsOf<R['value']>
    : TsOf<R['value']> | undefined;
};

/** The TypeScript type of a command's config section, as its zod schema (config-zod.ts) checks it. */
export type ConfigSectionOf<T extends OptionTable> = {
  -readonly [
    R in T['rows'][number] as R extends { config: infer C extends string } ? C : never
  ]?: TsOf<R['value']>;
};

/** Where a resolved value came from, for messages and `--json` documents. */
export type OptionSource = 'flag' | 'arg' | 'env' | 'config' | 'account' | 'default';

/** A command's resolved options, with where each value came from. */
export type Resolved<T extends OptionTable> = ResolvedOptions<T> & {
  readonly sources: Readonly<Partial<Record<string, OptionSource>>>;
};

/** Declares a table with its literal row types kept (for `ResolvedOptions`). */
export function defineOptions<const T extends OptionTable>(table: T): T {
  return table;
}
