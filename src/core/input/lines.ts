/** One line of a stream: its bytes, or only its length when it was over the cap. */
export type LineEvent =
  | { line: number; bytes: Uint8Array; tooLong?: undefined }
  | { line: number; tooLong: number; bytes?: undefined };

/**
 * Splits a byte stream into lines ("\n"; a trailing "\r" stays for the caller) without ever
 * holding more than `maxBytes` of one line: a longer line is skipped as it streams by and
 * reported with its length, so a 1 GB line costs no memory.
 */
export class LineSplitter {
  private parts: Uint8Array[] = [];
  private length = 0;
  private skipping = false;
  private skipped = 0;
  private lineNo = 0;

  constructor(private readonly maxBytes: number) {}

  /** Feeds a chunk; yields every line it completes. */
  *push(chunk: Uint8Array): Generator<LineEvent> {
    let pos = 0;
    while (pos <= chunk.length) {
      const nl = chunk.indexOf(10, pos);
      const end = nl === -1 ? chunk.length : nl;
      if (nl !== -1 && this.length === 0 && !this.skipping && end - pos <= this.maxBytes) {
        // The whole line is in this chunk: hand out a view, no copy (the consumer is done with
        // it before the next push).
        this.lineNo++;
        yield { line: this.lineNo, bytes: chunk.subarray(pos, end) };
        pos = nl + 1;
        continue;
      }
      this.take(chunk.subarray(pos, end));
      if (nl === -1) return;
      yield this.emit();
      pos = nl + 1;
    }
  }

  /** Ends the stream; yields the last line when it had no final newline. */
  *end(): Generator<LineEvent> {
    if (this.length > 0 || this.skipping) yield this.emit();
  }

  private take(seg: Uint8Array): void {
    if (seg.length === 0) return;
    if (this.skipping) {
      this.skipped += seg.length;
      return;
    }
    if (this.length + seg.length > this.maxBytes) {
      this.skipping = true;
      this.skipped = this.length + seg.length;
      this.parts = [];
      this.length = 0;
      return;
    }
    // Copy: the stream may reuse or retain its chunk; a copy keeps only this line alive.
    this.parts.push(seg.slice());
    this.length += seg.length;
  }

  private emit(): LineEvent {
    this.lineNo++;
    if (this.skipping) {
      const ev: LineEvent = { line: this.lineNo, tooLong: this.skipped };
      this.skipping = false;
      this.skipped = 0;
      return ev;
    }
    let bytes: Uint8Array;
    if (this.parts.length === 1) bytes = this.parts[0]!;
    else {
      bytes = new Uint8Array(this.length);
      let off = 0;
      for (const p of this.parts) {
        bytes.set(p, off);
        off += p.length;
      }
    }
    this.parts = [];
    this.length = 0;
    return { line: this.lineNo, bytes };
  }
}
