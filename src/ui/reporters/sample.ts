import type { RuntimeContext } from '../../contracts/index.js';

/** The part of stdout back-pressure needs: whether to wait, and the event that ends the wait. */
type Drainable = Pick<NodeJS.EventEmitter, 'once'> & { readonly writableNeedDrain?: boolean };

/** Waits until stdout has room again, so a slow reader holds the generator back instead of memory. */
async function drained(stream: Drainable): Promise<void> {
  if (stream.writableNeedDrain) await new Promise((r) => stream.once('drain', r));
}

/**
 * Prints sample payloads: one as pretty JSON, several as NDJSON (one per line), written in
 * 64 KiB chunks with back-pressure.
 */
export async function printSamples(
  ctx: Pick<RuntimeContext, 'stdout'>,
  payloads: Iterable<unknown>,
  count: number,
  stream: Drainable = process.stdout,
): Promise<void> {
  if (count === 1) {
    for (const p of payloads) ctx.stdout.write(JSON.stringify(p, null, 2) + '\n');
    return;
  }
  let buf = '';
  for (const p of payloads) {
    buf += JSON.stringify(p) + '\n';
    if (buf.length > 1 << 16) {
      ctx.stdout.write(buf);
      buf = '';
      await drained(stream);
    }
  }
  if (buf) ctx.stdout.write(buf);
}
