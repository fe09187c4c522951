// Writes dist/cli/help.json after `tsc` (part of `npm run build`): commander's own `--help` output
// for `qwh` and every command and subcommand, rendered the way a pipe sees it (80 columns, no
// colour), so src/cli/main.ts can print it without loading commander. Keyed by the command path
// ("" for `qwh`, "migrate resume" for a subcommand). test/e2e/help-fast.test.ts proves every
// entry byte-identical to what commander prints.
import { writeFileSync } from 'node:fs';
import { buildProgram } from '../dist/cli/program.js';

const version = '0.0.0-help'; // --help never shows the version
const noRun = async () => {};

/** What `qwh ...path --help` writes to stdout, captured from commander itself. */
async function helpOf(path) {
  const program = buildProgram(version, noRun);
  let out = '';
  const setup = (c) => {
    c.exitOverride();
    c.configureOutput({
      writeOut: (s) => (out += s),
      writeErr: () => {},
      getOutHelpWidth: () => undefined,
      getErrHelpWidth: () => undefined,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
    c.commands.forEach(setup);
  };
  setup(program);
  try {
    await program.parseAsync(['node', 'qwh', ...path, '--help']);
  } catch (e) {
    if (e?.code !== 'commander.helpDisplayed') throw e;
  }
  return out;
}

const paths = [[]];
const walk = (cmd, at) => {
  for (const c of cmd.commands) {
    paths.push([...at, c.name()]);
    walk(c, [...at, c.name()]);
  }
};
walk(buildProgram(version, noRun), []);
const texts = {};
for (const p of paths) texts[p.join(' ')] = await helpOf(p);
writeFileSync(new URL('../dist/cli/help.json', import.meta.url), JSON.stringify(texts));
