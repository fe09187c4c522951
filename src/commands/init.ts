import type { CommandHandler } from '../contracts/index.js';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { campaignFeedFiller } from '../adapters/campaign-feed.js';
import { pathState, writeNewFile } from '../adapters/new-file.js';
import { urlSecrets } from '../core/account/init.js';
import { checkInitAnswers, renderInitFile, resolveInitInput } from '../core/account/init-input.js';
import { UserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { INIT_OPTIONS } from '../core/options/init.js';
import { resolveOptions } from '../core/options/resolve.js';
import { MESSAGES } from '../messages/index.js';
import { runInitDialogue } from '../services/init-dialogue.js';
import { colorsFor } from '../ui/colors.js';
import { createLogger } from '../ui/logger.js';
import { printResult } from '../ui/print.js';
import { createPrompter } from '../ui/prompts.js';
import { renderInitJson, renderInitPreview } from '../ui/reporters/init.js';

const Q = MESSAGES.init;
/** The schema file inside this very installation of qwh (dist/commands → package root). */
const LOCAL_SCHEMA = fileURLToPath(new URL('../../schema/account.schema.json', import.meta.url));

/** `qwh init`: write the account file from a dialogue (TTY) or from flags (--from-flags). */
const init: CommandHandler = async (ctx, args, flags) => {
  const log = createLogger(ctx);
  const prompt = createPrompter(ctx);
  const input = resolveInitInput(resolveOptions(INIT_OPTIONS, { flags, args, env: ctx.env }), {
    env: ctx.env,
    cwd: ctx.cwd,
    version: ctx.version,
    interactive: ctx.interactive,
    localSchema: LOCAL_SCHEMA,
    mask: (s: string) => void ctx.redactor.add(s),
  });
  const { out } = input;

  // Look before asking anything: the admin should not answer twenty questions to hear "exists".
  const state = await pathState(input.path);
  if (state === 'other') throw new UserError(Q.notRegular(out), ExitCode.REFUSED, Q.notRegularHint);
  let replace = input.force;
  if (state === 'file' && !replace) {
    if (!ctx.interactive) throw new UserError(Q.exists(out), ExitCode.REFUSED, Q.existsHint);
    replace = await prompt.confirm(Q.askOverwrite(out), '--force', ExitCode.REFUSED, false);
    if (!replace) throw new UserError(Q.declined(out), ExitCode.REFUSED, Q.existsHint);
  }

  const fill = await campaignFeedFiller(input.campaignFeed, ctx.cwd);
  const answers = fill(
    input.flagAnswers ??
      (await runInitDialogue(input.seed, {
        prompt,
        log,
        onUrl: (u) => urlSecrets(u).forEach((s) => ctx.redactor.add(s)),
        title: (s) => colorsFor(ctx.stderr).bold(s),
      })),
  );
  checkInitAnswers(answers);
  if (input.fromFlags && answers.rules.length === 0) log.warn(Q.noRules);
  const file = renderInitFile(answers, input, ctx.version);

  if (!input.fromFlags) {
    log.info(renderInitPreview(out, file.preview, colorsFor(ctx.stderr)));
    if (!(await prompt.confirm(Q.askWrite(out), '--from-flags', ExitCode.REFUSED, true))) {
      log.info(Q.notWritten);
      return ExitCode.REFUSED;
    }
  }
  const how = { replace, shown: out, private: file.private };
  const { backup } = await writeNewFile(input.path, file.text, how);
  const backupShown = backup ? relative(ctx.cwd, backup) : undefined;
  if (input.json) printResult(ctx, renderInitJson(input, file.data, backupShown));
  log.success(Q.wrote(out));
  if (backupShown) log.info(Q.backup(backupShown));
  log.info(Q.next(out));
  return ExitCode.OK;
};
export default init;
