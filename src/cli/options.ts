import { Option, type Command } from 'commander';
import type { OptionSpec, OptionTable } from '../core/options/spec.js';

/** Collects a repeatable flag's values in order (no default: commander would print "(default: [])"). */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The help line of a row: its description, plus where else it may be set. */
function helpOf(row: OptionSpec, section: string | undefined): string {
  const also = [
    row.env ? `env ${row.env}` : undefined,
    row.config && section ? `config ${section}.${row.config}` : undefined,
  ].filter(Boolean);
  return also.length ? `${row.description} [${also.join('; ')}]` : row.description;
}

/**
 * Registers a table's flags on a commander command, in row order. No commander default and no
 * `.env()`: values stay raw and unset here, so src/core/options/resolve.ts applies the one
 * precedence (flag > env > config > account > default) against the run's own environment.
 */
export function addOptions(cmd: Command, table: OptionTable, keys?: readonly string[]): Command {
  for (const row of table.rows) {
    if (!row.flags || (keys && !keys.includes(row.key))) continue;
    const opt = new Option(row.flags, helpOf(row, table.section));
    if (row.value.type === 'choice') opt.choices(row.value.values);
    if (row.value.type === 'version') opt.choices(['1', '2']);
    if (row.hidden) opt.hideHelp();
    if (row.repeatable) opt.argParser(collect);
    if (row.required) opt.makeOptionMandatory();
    cmd.addOption(opt);
    if (row.negatable) {
      const long = row.flags.match(/--([a-z0-9-]+)/)?.[1];
      if (long)
        cmd.addOption(
          new Option(
            `--no-${long}`,
            row.negatedDescription ?? `turn --${long} off (config may turn it on)`,
          ),
        );
    }
  }
  return cmd;
}
