import { Command } from 'commander';
import { EXIT_CODE_TABLE } from '../core/exit-codes.js';
import { MESSAGES } from '../ui/messages.js';
import type { Runner } from './specs/common.js';
import { listenCommand, testEndpointCommand } from './specs/endpoint.js';
import { checkCommand, sampleCommand, signCommand, verifyCommand } from './specs/foundation.js';
import { migrateCommand } from './specs/migrate.js';

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

  const commands = [
    checkCommand(run),
    sampleCommand(run),
    signCommand(run),
    verifyCommand(run),
    testEndpointCommand(run),
    listenCommand(run),
    migrateCommand(run),
  ];
  for (const c of commands) program.addCommand(c);

  const w = 4;
  program.addHelpText(
    'after',
    `
Start here:
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
