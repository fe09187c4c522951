// Test-only entry for the few migrate tests that need a real SIGKILL or SIGINT at an exact step.
// It decorates the BUILT account store, then runs the normal CLI entry: the product ships no
// pause hook. Run as
//   node test/helpers/qwh-paused.mjs <point> <node> <bin> <qwh args…>
// (what spawnQwh's `prefix` produces), where <point> is `lock`, `locked` or a journal record
// (`backup`, `secret-file`, `write:add-v2:intent`, `verify`, `write:disable-v1:done`, …),
// `stages` (after the stages file is replaced) or `file-written` (after the account file is). The
// first time the run reaches it (after the record is fsynced) this prints PAUSED_LINE on stderr
// and waits for SIGUSR2.
import { readFileSync } from 'node:fs';

const [point, node, bin, ...args] = process.argv.slice(2);
if (!point || !node || !bin) {
  process.stderr.write('usage: qwh-paused.mjs <point> <node> <bin> <qwh args…>\n');
  process.exit(2);
}
// The CLI reads its arguments from process.argv: make it look as if the bin was run.
process.argv = [node, bin, ...args];

const dist = new URL('../../dist/', import.meta.url);
const { AccountStore } = await import(new URL('adapters/account-store.js', dist).href);
const { runCli } = await import(new URL('cli/run.js', dist).href);

let paused = false;
/** Holds the run at `at` (the first time only) until SIGUSR2. */
async function pausePoint(at) {
  if (at !== point || paused) return;
  paused = true;
  await new Promise((resolve) => {
    // A signal listener alone does not keep the process alive; this timer does.
    const keepAlive = setInterval(() => {}, 60_000);
    process.once('SIGUSR2', () => {
      clearInterval(keepAlive);
      resolve();
    });
    process.stderr.write(`qwh-paused: paused after "${at}" (send SIGUSR2 to continue)\n`);
  });
}

const { StagesFile } = await import(new URL('adapters/stages-file.js', dist).href);
const { write: writeStages } = StagesFile.prototype;
StagesFile.prototype.write = async function (doc) {
  await writeStages.call(this, doc);
  await pausePoint('stages');
};
const { writeAtomic } = AccountStore.prototype;
AccountStore.prototype.writeAtomic = async function (content) {
  const sha = await writeAtomic.call(this, content);
  await pausePoint('file-written');
  return sha;
};

const { lock, appendJournal } = AccountStore.prototype;
AccountStore.prototype.lock = async function (command) {
  await pausePoint('lock');
  const release = await lock.call(this, command);
  await pausePoint('locked');
  return release;
};
AccountStore.prototype.appendJournal = async function (rec) {
  await appendJournal.call(this, rec);
  await pausePoint(rec.t === 'write' ? `write:${rec.step}:${rec.phase}` : rec.t);
};

const { version } = JSON.parse(readFileSync(new URL('../package.json', dist), 'utf8'));
await runCli(version);
