import { Argument, Command } from 'commander';
import { INIT_OPTIONS } from '../../core/options/init.js';
import { addOptions } from '../options.js';
import { examples, withCommon, type Runner } from './common.js';

/** `qwh init`: write the account file, from a dialogue or from flags. */
export function initCommand(run: Runner): Command {
  const cmd = new Command('init').description(
    'write the account file (qualifio-account.yaml): a dialogue on a terminal, or --from-flags',
  );
  addOptions(cmd, INIT_OPTIONS);
  cmd.addHelpText(
    'after',
    `
Examples:
  # answer the questions; writes qualifio-account.yaml
  $ qwh init

  # no questions (scripts, CI); the 1.0 URL holds credentials, so it comes from the environment
  $ qwh init --from-flags --account-id 4321 --account-name "Acme Media" \\
      --v1-url-env ACME_V1_URL --rule default:main --rule campaign:99887:-

  # a website-level webhook and its push rule
  $ qwh init --from-flags … --website 1234="Acme News" \\
      --website-webhook-env 1234=NEWS_URL --rule website:1234:both:website-1234

  # JSON, with a schema path for offline editors
  $ qwh init --out accounts/acme.json --schema local

Webhook keys: the account-level webhook is "main", a website's is "website-<id>"; push rules name
them as DEST. Any other DEST is another integration (a CRM), left alone; "-" is an exclusion.
URLs with credentials (user:password@ or ?token=) are never arguments: put them in an environment
variable and pass its name (--v1-url-env, --website-webhook-env). They are written to the file as
given, and masked on screen.

Exit codes: 0 written, 2 missing or invalid flags (no terminal and no --from-flags: names the
flags), 4 nothing written (the file exists and no --force or not confirmed, is not a regular file,
or writing was declined), 130 Ctrl-C.
`,
  );
  withCommon(cmd).action(async (_o, c: Command) => run(() => import('../../commands/init.js'), c));
  return cmd;
}

/** `qwh completion`: print a shell completion script. */
export function completionCommand(run: Runner): Command {
  const cmd = new Command('completion')
    .description('print the shell completion script (commands, flags, account-file paths)')
    .addArgument(new Argument('<shell>', 'shell to complete in').choices(['bash', 'zsh', 'fish']))
    .addHelpText(
      'after',
      examples([
        ['qwh completion bash > ~/.local/share/bash-completion/completions/qwh', 'bash'],
        ['qwh completion zsh > "${fpath[1]}/_qwh"', 'zsh (then: compinit)'],
        ['qwh completion fish > ~/.config/fish/completions/qwh.fish', 'fish'],
        ['source <(qwh completion bash)', 'this shell only'],
      ]),
    );
  withCommon(cmd).action(async (_s, _o, c: Command) =>
    run(() => import('../completion/command.js'), c),
  );
  return cmd;
}
