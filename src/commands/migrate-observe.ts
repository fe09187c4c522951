import type { CommandHandler } from '../contracts/index.js';
import { walkCaptures } from '../adapters/capture-walker.js';
import { secretFromFlags } from '../adapters/secrets.js';
import { loadCommandConfig } from '../adapters/config-loader.js';
import { loadForMigrate, resolveAccountFile, storeFor } from '../adapters/migrate-files.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { nextCommand } from '../core/migrate/stage-view.js';
import { MIGRATE_OBSERVE_OPTIONS } from '../core/options/migrate.js';
import { resolveOptions } from '../core/options/resolve.js';
import { MESSAGES } from '../messages/index.js';
import { observeMigration } from '../services/migrate-cutover.js';
import { colorsFor } from '../ui/colors.js';
import { createLogger } from '../ui/logger.js';
import { printResult } from '../ui/print.js';
import { createPrompter } from '../ui/prompts.js';
import { MIGRATE_CUTOVER_REPORTERS } from '../ui/reporters/migrate-cutover.js';
import { buildDeps, snapshotOfLoaded } from './migrate-deps.js';

const C = MESSAGES.migrate.cutover;

/** `qwh migrate observe [file] --captures PATH…`: evidence of the dual run from captured deliveries. */
const observe: CommandHandler = async (ctx, args, flags) => {
  const log = createLogger(ctx);
  const cfg = await loadCommandConfig(ctx, flags);
  const o = resolveOptions(MIGRATE_OBSERVE_OPTIONS, { flags, args, env: ctx.env });
  if (!o.captures || o.captures.length === 0)
    throw new UserError(C.noCaptures, ExitCode.USAGE, C.noCapturesHint);
  const file = await resolveAccountFile(ctx, o.file, cfg, createPrompter(ctx));
  const loaded = await loadForMigrate(ctx, file, log);
  const trust = { trustEnv: cfg.config.trust?.env };
  const deps = await buildDeps(ctx, storeFor(loaded.path, file, log), log, trust);
  const paths = o.captures;
  async function* captures(): AsyncGenerator<{ where: string; bytes: Uint8Array }> {
    for (const p of paths)
      for await (const c of walkCaptures(p, {
        cwd: ctx.cwd,
        stdin: ctx.stdin,
        isNdjson: () => true,
        notFoundHint: C.noCapturesHint,
        emptyFolder: (shown) =>
          new UserError(C.emptyFolder(shown), ExitCode.USAGE, C.noCapturesHint),
        onNotice: (t) => log.warn(t),
      }))
        if (c.kind === 'too-long') log.warn(C.badCapture(c.where, 'line too long'));
        else yield { where: c.where, bytes: c.bytes };
  }
  const src = { env: ctx.env, baseDir: ctx.cwd, redactor: ctx.redactor };
  const previous = await secretFromFlags(
    o.previousSecretEnv,
    o.previousSecretFile,
    'the previous secret',
    src,
  );
  const input = {
    ...{ captures: captures(), ...(o.webhook ? { webhook: o.webhook } : {}) },
    ...(previous !== undefined ? { previousSecret: previous } : {}),
  };
  const res = await observeMigration(input, snapshotOfLoaded(loaded), deps);
  const doc = await deps.stages.read();
  const next = doc.webhooks
    .filter((w) => res.webhooks.some((x) => x.v1Key === w.v1Key))
    .map((w) => nextCommand(w, file));
  const view = { file, ...res, next };
  printResult(
    ctx,
    MIGRATE_CUTOVER_REPORTERS[o.json ? 'json' : 'human'].observe(view, colorsFor(ctx.stdout)),
  );
  return ExitCode.OK;
};
export default observe;
