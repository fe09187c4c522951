import type { CommandHandler } from '../contracts/index.js';
import { startReceiver } from '../adapters/local-receiver.js';
import { readCaFile } from '../adapters/ca-file.js';
import { createRelay } from '../adapters/relay.js';
import { SECRET_CACHE_MINUTES } from '../core/assumptions.js';
import { showUrl } from '../core/endpoint/outcome.js';
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
  const previousSecret = input.previousSecret ? await read(input.previousSecret) : undefined;
  const authHeader = input.authHeader
    ? { name: input.authHeader.name, value: await read(input.authHeader.value) }
    : undefined;
  const out = createListenOutput(ctx, input.json);
  const relay = input.forward
    ? await createRelay({
        ...{ forwardTo: input.forward.url, timeoutMs: input.forward.timeoutMs },
        ...(input.forward.caFile ? { ca: await readCaFile(ctx.cwd, input.forward.caFile) } : {}),
        ...(input.save ? { savePath: input.save } : {}),
        ...(input.version ? { version: input.version } : {}),
        ...(authHeader ? { authHeaderName: authHeader.name } : {}),
      })
    : undefined;
  const receiver = await startReceiver({
    host: input.host,
    port: input.port,
    ...(input.version ? { version: input.version } : {}),
    ...(secret !== undefined ? { secret } : {}),
    ...(previousSecret !== undefined ? { previousSecret } : {}),
    ...(authHeader ? { authHeader } : {}),
    ...(input.save && !relay ? { savePath: input.save } : {}),
    ...(relay ? { relay: relay.hook } : {}),
    eventDigest: input.json,
    onEvent: (e) => out.event(e),
  }).catch(async (e: unknown) => {
    await relay?.close();
    throw e;
  });

  // Register before announcing: a signal right after "ready" must still flush --save.
  const stopped = new Promise<void>((resolve) => {
    ctx.onInterrupt(async () => {
      await receiver.close();
      await relay?.close();
      resolve();
    });
  });
  out.ready(receiver.url);
  log.info(L.ready(receiver.url));
  if (input.forward) log.info(L.relay.ready(receiver.url, showUrl(input.forward.url)));
  if (!input.json) log.info(colorsFor(ctx.stderr).dim(relay ? L.relay.readyHint : L.readyHint));
  if (secret === undefined) log.warn(L.noSecret);
  if (previousSecret !== undefined) log.info(L.previousSecret(SECRET_CACHE_MINUTES));
  if (!LOOPBACK.test(receiver.host)) log.warn(L.notLoopback(receiver.host));

  await stopped;
  const s = receiver.stats;
  out.stopped(s);
  log.info(L.stopped(s.received, s.accepted, s.duplicates, s.rejected));
  if (input.save) log.info(L.saved(relay ? relay.saved() : s.saved, input.save));
  return ExitCode.OK;
};
export default listen;
