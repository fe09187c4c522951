import type { CommandHandler } from '../contracts/index.js';
import { resolve } from 'node:path';
import { findAccountFile, loadAccountFile } from '../adapters/account-file.js';
import { loadConfig } from '../adapters/config-loader.js';
import { summarizeAccount } from '../core/account/summary.js';
import { InvalidFileError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { colorsFor } from '../ui/colors.js';
import { renderCheckHuman } from '../ui/reporters/check.js';

/** `qwh check [file]`: validate and summarise; exit 0 valid, 2 invalid. */
const check: CommandHandler = async (ctx, [fileArg], opts) => {
  const { config, dir } = await loadConfig(ctx.cwd, opts.config as string | undefined);
  const file = await findAccountFile(
    fileArg,
    config.account ? resolve(dir, config.account) : undefined,
    ctx.cwd,
  );
  try {
    const loaded = await loadAccountFile(file, ctx.cwd);
    const summary = summarizeAccount(loaded.account);
    if (opts.json) {
      ctx.stdout.write(
        JSON.stringify({ file, valid: true, ...summary, warnings: loaded.warnings }, null, 2) +
          '\n',
      );
    } else {
      ctx.stdout.write(renderCheckHuman(file, summary, loaded.warnings, colorsFor(ctx.stdout)));
    }
    return ExitCode.OK;
  } catch (e) {
    if (opts.json && e instanceof InvalidFileError) {
      ctx.stdout.write(
        JSON.stringify({ file, valid: false, problems: e.problems }, null, 2) + '\n',
      );
    }
    throw e;
  }
};
export default check;
