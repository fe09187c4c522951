import { Command } from 'commander';
import { EXIT_CODE_TABLE } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';
import { COMMON_OPTIONS } from '../core/options/common.js';
import { addOptions } from './options.js';
import type { Runner } from './specs/common.js';
import { adapterCommand } from './specs/adapter.js';
import { diffPayloadCommand } from './specs/diff.js';
import { listenCommand, testEndpointCommand } from './specs/endpoint.js';
import {
  checkCommand,
  routesCommand,
  sampleCommand,
  signCommand,
  verifyCommand,
} from './specs/foundation.js';
import { migrateCommand } from './specs/migrate.js';
import { completionCommand, initCommand } from './specs/setup.js';
import { simulateCommand } from './specs/simulate.js';

/**
 * The commander program: every command and flag, with actions that lazy-import their module,
 * so `qwh --help` and `--version` load no zod schema, undici, inquirer or ora.
 */
export function buildProgram(version: string, run: Runner): Command {
  const program = new Command('qwh')
    .description(MESSAGES.cli.description)
    .version(version, '-V, --version', 'print the qwh version')
    .helpOption('-h, --help', 'show help')
    .enablePositionalOptions()
    .showSuggestionAfterError(true);

  // Listed in the order an admin meets them: describe, migrate, test, diff, then helpers.
  const commands = [
    initCommand(run),
    checkCommand(run),
    routesCommand(run),
    migrateCommand(run),
    testEndpointCommand(run),
    listenCommand(run),
    simulateCommand(run),
    diffPayloadCommand(run),
    adapterCommand(run),
    sampleCommand(run),
    signCommand(run),
    verifyCommand(run),
    completionCommand(run),
  ];
  for (const c of commands) program.addCommand(c);
  // Before the command too (`qwh --no-color check`), and alone (`qwh --no-color` shows the help).
  addOptions(program, COMMON_OPTIONS, ['color', 'progress']);

  const w = 4;
  program.addHelpText(
    'after',
    `
Start here:
  $ qwh init                                    # describe the account's 1.0 setup (a dialogue)
  $ qwh check qualifio-account.yaml             # is the account file right?
  $ qwh migrate --dry-run                       # what would change
  $ qwh test-endpoint https://hooks.example/q   # is the receiver ready for 2.0?

Exit codes:
${EXIT_CODE_TABLE.map(([code, text]) => `  ${String(code).padStart(w)}  ${text}`).join('\n')}

Secrets (HMAC secret, auth header values) are never arguments: use --*-env NAME or --*-file FILE.
Run \`qwh <command> --help\` for a command's flags.
`,
  );
  return program;
}
