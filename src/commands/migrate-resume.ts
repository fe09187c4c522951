import type { CommandHandler } from '../contracts/index.js';
import { loadCommandConfig } from '../adapters/config-loader.js';
import { ExitCode } from '../core/exit-codes.js';
import { MIGRATE_RESUME_OPTIONS } from '../core/options/migrate.js';
import { resolveOptions } from '../core/options/resolve.js';
import { resumeMigration } from '../services/migrate.js';
import { colorsFor } from '../ui/colors.js';
import { createLogger } from '../ui/logger.js';
import { printResult } from '../ui/print.js';
import { createPrompter } from '../ui/prompts.js';
import { MIGRATE_REPORTERS, type ResumeView } from '../ui/reporters/migrate.js';
import * as files from '../adapters/migrate-files.js';
import * as shared from './migrate-deps.js';
import { runbookAfter, writeRunbook } from './migrate-output.js';
import { checkedOutputs } from '../adapters/output-file.js';

/** `qwh migrate resume [file]`: finishes the unfinished run of the journal (or --abandon marks it given up). */
const resume: CommandHandler = async (ctx, args, flags) => {
  const log = createLogger(ctx);
  const cfg = await loadCommandConfig(ctx, flags);
  const o = await checkedOutputs(
    ctx,
    MIGRATE_RESUME_OPTIONS,
    resolveOptions(MIGRATE_RESUME_OPTIONS, { flags, args, env: ctx.env }),
  );
  const file = await files.resolveAccountFile(ctx, o.file, cfg, createPrompter(ctx));
  const loaded = await files.loadForMigrate(ctx, file, log);
  const store = files.storeFor(loaded.path, file, log);
  const trustEnv = cfg.config.trust?.env ?? [];
  const verify = { verifyTimeout: o.verifyTimeout, caFile: o.caFile, trustEnv };
  const deps = await shared.buildDeps(ctx, store, log, verify);
  const unregister = shared.finishStepOnInterrupt(ctx, log);
  // The file is read again under the lock: the killed run may have replaced it since.
  const reload = async () => shared.snapshotOfLoaded(await files.loadForMigrate(ctx, file, log));
  const out = await resumeMigration(reload, deps, { abandon: o.abandon }).finally(unregister);

  let view: ResumeView;
  if (out.nothing) view = { kind: 'nothing', file };
  else if (out.abandoned) view = { kind: 'abandoned', file, run: out.abandoned };
  else if (out.result && out.plan) {
    const runbook = runbookAfter(out.result);
    await writeRunbook(ctx, log, o.runbook, runbook, { accountFile: file });
    const rb = o.runbook ? { runbookFile: o.runbook } : {};
    view = { kind: 'resumed', file, plan: out.plan, result: out.result, runbook, ...rb };
  } else return ExitCode.INTERNAL;
  printResult(
    ctx,
    MIGRATE_REPORTERS[o.json ? 'json' : 'human'].resume(view, colorsFor(ctx.stdout)),
  );
  return view.kind === 'resumed' ? view.result.exitCode : ExitCode.OK;
};
export default resume;
