import type { CommandHandler } from '../contracts/index.js';
import { startReceiver } from '../adapters/local-receiver.js';
import { readSecretPick } from '../adapters/secrets.js';
import { resolveListenInput, type SecretPick } from '../core/endpoint/input.js';
import { ExitCode } from '../core/exit-codes.js';
import { LISTEN_OPTIONS } from '../core/options/listen.js';
import { resolveOptions } from '../core/options/resolve.js';
import { MESSAGES } from '../messages/index.js';
import { colorsFor } from '../ui/colors.js';
import { createLogger } from '../ui/logger.js';
import { createListenOutput } from '../ui/reporters/listen.js';

const L = MESSAGES.listen;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;

/** `qwh listen`: a verifying local receiver until Ctrl-C / SIGTERM (then exit 0, --save flushed). */
const listen: CommandHandler = async (ctx, args, flags) => {
  const log = createLogger(ctx);
  const input = resolveListenInput(resolveOptions(LISTEN_OPTIONS, { flags, args, env: ctx.env }));
  const read = (p: SecretPick): Promise<string> =>
    readSecretPick(p, ctx.env, { cwd: ctx.cwd, config: ctx.cwd }, ctx.redactor);
  const secret = input.secret ? await read(input.secret) : undefined;
  const authHeader = input.authHeader
    ? { name: input.authHeader.name, value: await read(input.authHeader.value) }
    : undefined;
  const out = createListenOutput(ctx, input.json);

  const receiver = await startReceiver({
    host: input.host,
    port: input.port,
    version: input.version,
    ...(secret !== undefined ? { secret } : {}),
    ...(authHeader ? { authHeader } : {}),
    ...(input.save ? { savePath: input.save } : {}),
    eventDigest: input.json,
    onEvent: (e) => out.event(e),
  });

  // Register before announcing: a signal right after "ready" must still flush --save.
  const stopped = new Promise<void>((resolve) => {
    ctx.onInterrupt(async () => {
      await receiver.close();
      resolve();
    });
  });
  out.ready(receiver.url);
  log.info(L.ready(receiver.url));
  if (!input.json) log.info(colorsFor(ctx.stderr).dim(L.readyHint));
  if (secret === undefined) log.warn(L.noSecret);
  if (!LOOPBACK.test(receiver.host)) log.warn(L.notLoopback(receiver.host));

  await stopped;
  const s = receiver.stats;
  out.stopped(s);
  log.info(L.stopped(s.received, s.accepted, s.duplicates, s.rejected));
  if (input.save) log.info(L.saved(s.saved, input.save));
  return ExitCode.OK;
};
export default listen;
