import type { CommandHandler } from '../contracts/index.js';
import { resolve } from 'node:path';
import { findAccountFile, loadAccountFile } from '../adapters/account-file.js';
import { loadCampaignFeed } from '../adapters/campaign-feed.js';
import { loadCommandConfig } from '../adapters/config-loader.js';
import { trustOf, untrustedRefWarnings } from '../core/account/secret-trust.js';
import { compareWithFeed } from '../core/routing/campaign-feed.js';
import { FEED_REPORTERS, feedHasGaps } from '../ui/reporters/routes.js';
import { summarizeAccount } from '../core/account/summary.js';
import { InvalidFileError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { CHECK_OPTIONS } from '../core/options/check.js';
import { resolveOptions } from '../core/options/resolve.js';
import { colorsFor } from '../ui/colors.js';
import { printResult } from '../ui/print.js';
import { CHECK_REPORTERS, renderCheckInvalidJson, renderCheckJson } from '../ui/reporters/check.js';
import { renderCheckGithub, renderCheckJunit } from '../ui/reporters/check-ci.js';

const CHECK_CI = { junit: renderCheckJunit, github: renderCheckGithub } as const;

/** `qwh check [file]`: validate and summarise; exit 0 valid, 2 invalid. */
const check: CommandHandler = async (ctx, args, flags) => {
  const clock = ctx.clock ?? ((): number => 0);
  const started = clock();
  const took = (): number => (clock() - started) / 1000;
  const o = resolveOptions(CHECK_OPTIONS, { flags, args, env: ctx.env });
  const { config, dir } = await loadCommandConfig(ctx, flags);
  const file = await findAccountFile(
    o.file,
    config.account ? resolve(dir, config.account) : undefined,
    ctx.cwd,
  );
  const reporter = o.json ? 'json' : (o.reporter ?? 'human');
  try {
    const loaded = await loadAccountFile(file, ctx.cwd);
    const summary = summarizeAccount(loaded.account);
    const trust = trustOf(config.trust?.env);
    const warnings = [...loaded.warnings, ...untrustedRefWarnings(loaded.account, trust)];
    const feed = o.campaignFeed ? await loadCampaignFeed(o.campaignFeed, ctx.cwd) : undefined;
    const gaps = feed && compareWithFeed(loaded.account, feed.feed);
    const c = colorsFor(ctx.stdout);
    const extra = feed && gaps ? { campaignFeed: { source: feed.shown, ...gaps } } : {};
    if (reporter === 'json') printResult(ctx, renderCheckJson(file, summary, warnings, extra));
    else if (reporter !== 'human') printResult(ctx, CHECK_CI[reporter](file, [], warnings, took()));
    else printResult(ctx, CHECK_REPORTERS.human(file, summary, warnings, c));
    if (feed && gaps && reporter === 'human')
      printResult(ctx, FEED_REPORTERS.human(feed.shown, file, gaps, c));
    return gaps && feedHasGaps(gaps) ? ExitCode.PROBLEMS : ExitCode.OK;
  } catch (e) {
    // The problems still go to stderr as lines (src/cli); --json also gets them as a document.
    if (e instanceof InvalidFileError && reporter !== 'human')
      printResult(
        ctx,
        reporter === 'json'
          ? renderCheckInvalidJson(file, e.problems)
          : CHECK_CI[reporter](file, e.problems, [], took()),
      );
    throw e;
  }
};
export default check;
