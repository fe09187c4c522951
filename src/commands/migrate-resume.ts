import type { CommandHandler } from '../contracts/index.js';
import { loadConfig } from '../adapters/config-loader.js';
import { ExitCode } from '../core/exit-codes.js';
import { buildRunbook } from '../core/migrate/runbook.js';
import { resumeMigration } from '../services/migrate.js';
import { colorsFor } from '../ui/colors.js';
import { createLogger } from '../ui/logger.js';
import { MESSAGES } from '../messages/index.js';
import { createPrompter } from '../ui/prompts.js';
import { renderNext, renderResultHuman, renderRunbookMarkdown } from '../ui/reporters/migrate.js';
import {
  buildDeps,
  finishStepOnInterrupt,
  loadForMigrate,
  resolveAccountFile,
  snapshotOfLoaded,
  storeFor,
  writeTextFile,
} from './migrate-shared.js';

const M = MESSAGES.migrate;

/** `qwh migrate resume [file]`: finishes the unfinished run of the journal (or --abandon marks it given up). */
const resume: CommandHandler = async (ctx, [fileArg], opts) => {
  const log = createLogger(ctx);
  const c = colorsFor(ctx.stdout);
  const cfg = await loadConfig(ctx.cwd, opts.config as string | undefined);
  const file = await resolveAccountFile(ctx, fileArg, cfg, createPrompter(ctx));
  const loaded = await loadForMigrate(ctx, file, log);
  const store = storeFor(ctx, loaded.path, file, log);
  const deps = await buildDeps(ctx, store, log, opts);
  const unregister = finishStepOnInterrupt(ctx, log);
  let out;
  try {
    // The file is read again under the lock: the killed run may have replaced it since.
    out = await resumeMigration(
      async () => snapshotOfLoaded(await loadForMigrate(ctx, file, log)),
      deps,
      { abandon: Boolean(opts.abandon) },
    );
  } finally {
    unregister();
  }
  if (out.nothing) {
    if (opts.json)
      ctx.stdout.write(JSON.stringify({ file, resumed: false, result: null }, null, 2) + '\n');
    else ctx.stdout.write(M.resumeNothing(file) + '\n');
    return ExitCode.OK;
  }
  if (out.abandoned) {
    if (opts.json)
      ctx.stdout.write(
        JSON.stringify({ file, abandoned: out.abandoned, result: null }, null, 2) + '\n',
      );
    else ctx.stdout.write(M.resumeAbandoned(out.abandoned) + '\n');
    return ExitCode.OK;
  }
  const r = out.result;
  if (!r || !out.plan) return ExitCode.INTERNAL;
  const runbook = buildRunbook(
    r.final.account,
    r.units.map((u) => ({ v1Key: u.v1Key, v2Key: u.v2Key, v1: u.v1 })),
  );
  const runbookFile = opts.runbook as string | undefined;
  if (runbookFile) {
    await writeTextFile(ctx, runbookFile, renderRunbookMarkdown(runbook));
    log.info(M.runbookWritten(runbookFile, runbook.steps.length));
  }
  const failed = r.units.filter((u) => u.verify && u.verify.verdict !== 'pass');
  const next = failed.length > 0 ? failed.map((u) => M.nextFix(file, u.v2Key)) : [M.nextDone(file)];
  if (opts.json) {
    ctx.stdout.write(
      JSON.stringify(
        {
          file,
          resumed: r.run,
          changes: out.plan.changes,
          plan: out.plan,
          runbook,
          result: {
            run: r.run,
            outcome: r.outcome,
            backup: r.backup ?? null,
            secretFiles: r.secretFiles,
            units: r.units,
          },
          next,
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    ctx.stdout.write(`${c.bold(M.resumeTitle(r.run))}\n${renderResultHuman(r, c)}`);
    if (!runbookFile && runbook.steps.length > 0)
      ctx.stdout.write(M.runbookHint(runbook.steps.length) + '\n');
    ctx.stdout.write(renderNext(next, c));
  }
  return r.exitCode;
};
export default resume;
