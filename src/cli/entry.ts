// The entry of every ES module bundle (scripts/bundle.js): the starter (src/cli/start.ts) has
// answered --version/--help already and imports one of these for everything else.
export { runCli } from './run.js';
