import type { ChalkInstance } from 'chalk';
import type { Output, RuntimeContext } from '../../contracts/index.js';
import { MESSAGES } from '../../messages/index.js';
import { colorsFor } from '../colors.js';
import { oneLine } from '../terminal-text.js';
import { versioned } from './json-document.js';

/**
 * What listen prints of one delivery. Structural on purpose: the receiver's DeliveryEvent lives
 * in adapters (which ui may not import) and is assignable to this; the NDJSON line is the whole
 * event as the receiver reported it.
 */
export interface ListenEvent {
  at: string;
  status: number;
  result: 'accepted' | 'duplicate' | 'rejected';
  reason: string;
  id?: string;
  bytes: number;
  test: boolean;
  /** Where an accepted body departs from qwh's reading of the 2.0 model (not a documented fact). */
  warnings?: string[];
  /** Which secret the signature was made with (rotation). */
  secret?: 'current' | 'previous';
  /** Relay mode: what the receiver behind answered, or why it did not. */
  forward?: { status?: number; message?: string; ms: number };
}

/** The receiver's counters at the end of a run. */
export interface ListenStats {
  received: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  saved: number;
}

/** The human line of one delivery: time, status, verdict, id, size, and why when not accepted. */
export function renderListenEvent(e: ListenEvent, c: ChalkInstance): string {
  const time = e.at.slice(11, 23);
  const status = e.result === 'rejected' ? c.red(String(e.status)) : c.green(String(e.status));
  const what =
    e.result === 'accepted'
      ? c.green('accepted ')
      : e.result === 'duplicate'
        ? c.yellow('duplicate')
        : c.red('rejected ');
  const id = e.id ? ` ${oneLine(e.id)}` : '';
  const detail = e.result === 'accepted' ? '' : ` — ${e.reason}`;
  const prev =
    e.secret === 'previous' ? ` ${c.yellow(MESSAGES.listen.relay.secretMatched('previous'))}` : '';
  const fwd = !e.forward
    ? ''
    : ` ${e.forward.status !== undefined ? c.dim(MESSAGES.listen.relay.forwarded(e.forward.status)) : c.red(MESSAGES.listen.relay.notForwarded(e.forward.message ?? ''))}`;
  const line = `${c.dim(time)}  ${status}  ${what}${id}${c.dim(` (${e.bytes} B${e.test ? ', qwh test' : ''})`)}${prev}${detail}${fwd}\n`;
  // Accepted all the same: the model is qwh's reading, the receiver must not reject for it.
  return line + (e.warnings ?? []).map((w) => `    ${c.yellow('⚠')} ${w}\n`).join('');
}

const VERSION_HEAD = JSON.stringify(versioned({})).slice(0, -1) + ',';

/** The NDJSON lines of `listen --json`: ready first, one per delivery, stopped last. */
export const listenJson = {
  ready: (url: string): string => JSON.stringify(versioned({ event: 'ready', url })) + '\n',
  // JSON.stringify(versioned(e)) written out, without copying the event into a new object
  // once a delivery (an event always has keys, never its own schemaVersion).
  event: (e: ListenEvent): string => VERSION_HEAD + JSON.stringify(e).slice(1) + '\n',
  stopped: (s: ListenStats): string => JSON.stringify(versioned({ event: 'stopped', ...s })) + '\n',
};

/** listen's stdout: the ready line, one line per delivery, the stopped line. */
export interface ListenOutput {
  ready(url: string): void;
  event(e: ListenEvent): void;
  stopped(stats: ListenStats): void;
}

/**
 * A batching writer: under load one write per delivery costs a system call each (stdout to a
 * pipe or file is synchronous), so text is written once per turn of the event loop, or when
 * 64 KiB are waiting. `gone()` stops writing for good.
 */
export function createBatchedWriter(out: Pick<Output, 'write'>): {
  print(text: string): void;
  flush(): void;
  gone(): void;
} {
  let pending = '';
  let scheduled = false;
  let stopped = false;
  const flush = (): void => {
    scheduled = false;
    if (pending && !stopped) out.write(pending);
    pending = '';
  };
  return {
    print: (text) => {
      pending += text;
      if (pending.length > 1 << 16) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
    gone: () => {
      stopped = true;
    },
  };
}

/**
 * listen's stdout, human lines or NDJSON, batched. A reader that goes away
 * (`qwh listen --json | head -1`) must not take the receiver down: printing stops, serving and
 * saving go on.
 */
export function createListenOutput(
  ctx: Pick<RuntimeContext, 'stdout'>,
  json: boolean,
  stream: Pick<NodeJS.EventEmitter, 'on'> = process.stdout,
): ListenOutput {
  const w = createBatchedWriter(ctx.stdout);
  stream.on('error', () => w.gone());
  const c = colorsFor(ctx.stdout);
  return {
    ready: (url) => {
      if (json) w.print(listenJson.ready(url));
      w.flush();
    },
    event: (e) => w.print(json ? listenJson.event(e) : renderListenEvent(e, c)),
    stopped: (s) => {
      if (json) w.print(listenJson.stopped(s));
      w.flush();
    },
  };
}
