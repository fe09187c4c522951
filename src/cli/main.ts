import { fileURLToPath } from 'node:url';
import { answerFast } from './fast-answer.js';

// tsc's entry (dist/cli/main.js, unbundled). The shipped bin runs src/cli/start.ts instead, which
// answers the same way and then loads a bundle.
const version = answerFast(fileURLToPath(new URL('../../', import.meta.url)));
if (version !== undefined) {
  const { runCli } = await import('./run.js');
  await runCli(version);
}
