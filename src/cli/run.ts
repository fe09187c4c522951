import type { CommandModule, RuntimeContext } from '../contracts/index.js';
import { CommanderError, type Command } from 'commander';
import { isUserError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';
import { neutralizeControls } from '../ui/terminal-text.js';
import { createContext } from './context.js';
import { buildProgram } from './program.js';

/** Runs the qwh program on process.argv and sets process.exitCode; the only place that does. */
export async function runCli(version: string): Promise<void> {
  const abort = new AbortController();
  const interruptHandlers = new Set<() => void | Promise<void>>();
  let interrupted = 0;
  let exitCode: number = ExitCode.OK;

  function onSignal(): void {
    interrupted++;
    // A second Ctrl-C, or nothing registered to finish cleanly: stop now.
    if (interrupted > 1 || interruptHandlers.size === 0) {
      process.stderr.write(`\n${MESSAGES.cli.interrupted}\n`);
      process.exit(ExitCode.INTERRUPTED);
    }
    abort.abort(new Error(MESSAGES.cli.interrupted));
    for (const h of interruptHandlers) void h();
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  // The reader went away (`qwh … --help | head`): EPIPE is not a bug. Nobody is left to read, so
  // stop quietly: with the command's code when it has finished; while it runs, at once (130,
  // it did not finish) or, when a step must finish cleanly (a migration), as on Ctrl-C.
  let outputGone = false;
  let running = false;
  function onOutputError(this: NodeJS.WriteStream): void {
    // A command that handles its own stdout errors decides (listen keeps serving without it).
    if (this === process.stdout && process.stdout.listenerCount('error') > 1) return;
    if (outputGone) return;
    outputGone = true;
    if (!running) process.exit(exitCode);
    if (interruptHandlers.size === 0) process.exit(ExitCode.INTERRUPTED);
    interrupted++;
    abort.abort(new Error(MESSAGES.cli.outputClosed));
    for (const h of interruptHandlers) void h();
  }
  process.stdout.on('error', onOutputError);
  process.stderr.on('error', onOutputError);

  const onInterrupt: RuntimeContext['onInterrupt'] = (handler) => {
    interruptHandlers.add(handler);
    return () => interruptHandlers.delete(handler);
  };

  let ctx: RuntimeContext | undefined;

  async function run(load: () => Promise<CommandModule>, cmd: Command): Promise<void> {
    const opts = cmd.opts();
    // `--no-color` / `--no-progress` given before the command are the program's options.
    let root: Command = cmd;
    while (root.parent) root = root.parent;
    const g = root.opts();
    ctx = createContext(
      process,
      version,
      {
        color: opts.color === false || g.color === false ? false : undefined,
        progress: opts.progress === false || g.progress === false ? false : undefined,
        input: opts.input === false || g.input === false ? false : undefined,
      },
      abort.signal,
      onInterrupt,
    );
    const mod = await load();
    running = true;
    try {
      exitCode = await mod.default(ctx, cmd.processedArgs as (string | undefined)[], opts);
    } finally {
      running = false;
    }
  }

  const program = buildProgram(version, run);
  // commander echoes the user's text in its usage errors (`unknown option '--x…'`): through the
  // same control-character filter as every other write (help has none, so it stays byte-identical).
  const output = {
    writeOut: (s: string) => process.stdout.write(neutralizeControls(s)),
    writeErr: (s: string) => process.stderr.write(neutralizeControls(s)),
  };
  // Nested subcommands too (`qwh migrate resume`): commander does not inherit these through addCommand.
  const overrideExit = (c: Command): void => {
    c.exitOverride();
    c.configureOutput(output);
    c.commands.forEach(overrideExit);
  };
  overrideExit(program);

  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    const out = ctx ?? {
      stderr: {
        write: (s: string) => process.stderr.write(neutralizeControls(s)),
        isTTY: false,
        columns: 100,
        colorLevel: 0 as const,
      },
      version,
    };
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help' ||
        e.exitCode === 0
      ) {
        exitCode = ExitCode.OK;
      } else {
        const sub =
          process.argv[2] && !process.argv[2].startsWith('-') ? process.argv[2] : undefined;
        process.stderr.write(
          `hint: ${sub && program.commands.some((c) => c.name() === sub) ? MESSAGES.cli.usageHint(sub) : MESSAGES.cli.unknownCommandHint}\n`,
        );
        exitCode = ExitCode.USAGE;
      }
    } else if (isUserError(e)) {
      const { printUserError } = await import('../ui/errors.js');
      printUserError(out, e);
      exitCode = e.exitCode;
    } else {
      const { printBug } = await import('../ui/errors.js');
      printBug(out, e);
      exitCode = ExitCode.INTERNAL;
    }
  }
  process.exitCode = exitCode;
}
