import type { CommandHandler } from '../contracts/index.js';
import { startReceiver, type DeliveryEvent } from '../adapters/local-receiver.js';
import { ExitCode } from '../core/exit-codes.js';
import { colorsFor } from '../ui/colors.js';
import { createLogger } from '../ui/logger.js';
import { MESSAGES } from '../messages/index.js';
import { authHeaderOf, secretAndAuthFromFlags, wholeNumber } from './endpoint-input.js';

const L = MESSAGES.listen;
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;

/** `qwh listen`: a verifying local receiver until Ctrl-C / SIGTERM (then exit 0, --save flushed). */
const listen: CommandHandler = async (ctx, _args, opts) => {
  const log = createLogger(ctx);
  const env = ctx.env;
  const port =
    wholeNumber('--port', opts.port ?? (env.QWH_LISTEN_PORT || undefined), 0, 65_535) ?? 0;
  const host =
    (opts.host as string | undefined) ?? (env.QWH_LISTEN_HOST || undefined) ?? '127.0.0.1';
  const version = (Number(opts.version ?? 2) === 1 ? 1 : 2) as 1 | 2;
  const flags = await secretAndAuthFromFlags(ctx, opts);
  const authHeader = authHeaderOf(flags.authName, flags.authValue);
  const json = Boolean(opts.json);
  const c = colorsFor(ctx.stdout);
  // A reader that goes away (`qwh listen --json | head -1`) must not take the receiver down:
  // stop printing events, keep serving and saving.
  let stdoutGone = false;
  process.stdout.on('error', () => {
    stdoutGone = true;
  });
  // Under load, one write per delivery costs a system call each (stdout to a pipe or file is
  // synchronous): lines are batched and written once per turn of the event loop.
  let pending = '';
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending && !stdoutGone) ctx.stdout.write(pending);
    pending = '';
  };
  const print = (text: string): void => {
    pending += text;
    if (pending.length > 1 << 16) flush();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };

  const line = (e: DeliveryEvent): string => {
    const time = e.at.slice(11, 23);
    const status = e.result === 'rejected' ? c.red(String(e.status)) : c.green(String(e.status));
    const what =
      e.result === 'accepted'
        ? c.green('accepted ')
        : e.result === 'duplicate'
          ? c.yellow('duplicate')
          : c.red('rejected ');
    const id = e.id ? ` ${e.id}` : '';
    const detail = e.result === 'accepted' ? '' : ` — ${e.reason}`;
    return `${c.dim(time)}  ${status}  ${what}${id}${c.dim(` (${e.bytes} B${e.test ? ', qwh test' : ''})`)}${detail}\n`;
  };

  const receiver = await startReceiver({
    host,
    port,
    version,
    ...(flags.secret !== undefined ? { secret: flags.secret } : {}),
    ...(authHeader ? { authHeader } : {}),
    ...(opts.save ? { savePath: opts.save as string } : {}),
    onEvent: (e) => print(json ? JSON.stringify(e) + '\n' : line(e)),
  });

  // Register before announcing: a signal right after "ready" must still flush --save.
  const stopped = new Promise<void>((resolve) => {
    ctx.onInterrupt(async () => {
      await receiver.close();
      resolve();
    });
  });
  if (json) print(JSON.stringify({ event: 'ready', url: receiver.url }) + '\n');
  flush();
  log.info(L.ready(receiver.url));
  if (!json) log.info(c.dim(L.readyHint));
  if (flags.secret === undefined) log.warn(L.noSecret);
  if (!LOOPBACK.test(receiver.host)) log.warn(L.notLoopback(receiver.host));

  await stopped;
  const s = receiver.stats;
  if (json) print(JSON.stringify({ event: 'stopped', ...s }) + '\n');
  flush();
  log.info(L.stopped(s.received, s.accepted, s.duplicates, s.rejected));
  if (opts.save) log.info(L.saved(s.saved, opts.save as string));
  return ExitCode.OK;
};
export default listen;
