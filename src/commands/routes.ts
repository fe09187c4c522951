import type { CommandHandler } from '../contracts/index.js';
import { resolve } from 'node:path';
import { findAccountFile, loadAccountFile } from '../adapters/account-file.js';
import { loadCommandConfig } from '../adapters/config-loader.js';
import { ExitCode } from '../core/exit-codes.js';
import { sha256Hex } from '../core/hash.js';
import { ROUTES_OPTIONS } from '../core/options/routes.js';
import { resolveOptions } from '../core/options/resolve.js';
import { resolveRoutesInput } from '../core/routing/input.js';
import { routesView } from '../core/routing/view.js';
import { colorsFor } from '../ui/colors.js';
import { printResult } from '../ui/print.js';
import { ROUTES_REPORTERS } from '../ui/reporters/routes.js';

/** `qwh routes [file] [--plan]`: where each participation goes; exit 0 preserved, 1 not, 2 bad input. */
const routes: CommandHandler = async (ctx, args, flags) => {
  const input = resolveRoutesInput(resolveOptions(ROUTES_OPTIONS, { flags, args, env: ctx.env }));
  const { config, dir } = await loadCommandConfig(ctx, flags);
  const file = await findAccountFile(
    input.file,
    config.account ? resolve(dir, config.account) : undefined,
    ctx.cwd,
  );
  const loaded = await loadAccountFile(file, ctx.cwd);
  const source = { file, format: loaded.format, sourceSha256: sha256Hex(loaded.bytes) };
  const view = routesView(loaded.account, file, input.plan ? source : undefined);
  printResult(ctx, ROUTES_REPORTERS[input.reporter](view, colorsFor(ctx.stdout)));
  return view.plan && !view.plan.preserved ? ExitCode.PROBLEMS : ExitCode.OK;
};
export default routes;
