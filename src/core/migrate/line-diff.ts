/** One line of a diff: kept (context), added or removed, with its 1-based line numbers. */
export interface DiffLine {
  op: ' ' | '+' | '-';
  text: string;
  oldLine?: number;
  newLine?: number;
}

/** A run of changes with up to `context` kept lines around it. */
export interface DiffHunk {
  oldStart: number;
  newStart: number;
  lines: DiffLine[];
}

/**
 * Line diff (Myers' O(ND) algorithm, so a few changes in a large file stay cheap), grouped
 * into hunks with `context` unchanged lines around each change.
 */
export function diffLines(oldText: string, newText: string, context = 2): DiffHunk[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  // Trim the common prefix and suffix first: the edits qwh makes are local.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (
    suf < a.length - pre &&
    suf < b.length - pre &&
    a[a.length - 1 - suf] === b[b.length - 1 - suf]
  )
    suf++;
  const mid = diffOps(a.slice(pre, a.length - suf), b.slice(pre, b.length - suf));
  const all: DiffLine[] = [];
  let oi = 0;
  let ni = 0;
  const keep = (n: number): void => {
    for (let k = 0; k < n; k++) {
      all.push({ op: ' ', text: a[oi] ?? '', oldLine: oi + 1, newLine: ni + 1 });
      oi++;
      ni++;
    }
  };
  keep(pre);
  for (const op of mid) {
    if (op === ' ') keep(1);
    else if (op === '-') {
      all.push({ op: '-', text: a[oi] ?? '', oldLine: oi + 1 });
      oi++;
    } else {
      all.push({ op: '+', text: b[ni] ?? '', newLine: ni + 1 });
      ni++;
    }
  }
  keep(suf);
  return toHunks(all, context);
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

type Op = ' ' | '-' | '+';

/** Above this many lines, a segment is split at lines unique to both sides before Myers runs. */
const MYERS_MAX_LINES = 2000;

/**
 * Edit script between a and b. Small inputs get Myers' shortest script; large ones (a plan for
 * 10 000 websites inserts tens of thousands of lines, where Myers is O((N+M)·D)) are first cut
 * at anchors — lines that occur once in each side, in increasing order on both (patience diff) —
 * and each gap is diffed on its own. Any script is a correct diff; this one stays readable.
 */
function diffOps(a: readonly string[], b: readonly string[]): Op[] {
  if (a.length === 0) return b.map((): Op => '+');
  if (b.length === 0) return a.map((): Op => '-');
  if (a.length + b.length <= MYERS_MAX_LINES) return myers(a, b);
  const anchors = uniqueAnchors(a, b);
  if (anchors.length === 0) {
    // Nothing to hold on to: remove the old block, add the new one.
    return [...a.map((): Op => '-'), ...b.map((): Op => '+')];
  }
  const ops: Op[] = [];
  let ai = 0;
  let bi = 0;
  for (const [ia, ib] of [...anchors, [a.length, b.length] as const]) {
    const gapA = a.slice(ai, ia);
    const gapB = b.slice(bi, ib);
    // Trim what the gap shares at its ends, then diff its middle.
    let pre = 0;
    while (pre < gapA.length && pre < gapB.length && gapA[pre] === gapB[pre]) pre++;
    let suf = 0;
    while (
      suf < gapA.length - pre &&
      suf < gapB.length - pre &&
      gapA[gapA.length - 1 - suf] === gapB[gapB.length - 1 - suf]
    )
      suf++;
    for (let k = 0; k < pre; k++) ops.push(' ');
    const inner = diffOps(gapA.slice(pre, gapA.length - suf), gapB.slice(pre, gapB.length - suf));
    for (const op of inner) ops.push(op);
    for (let k = 0; k < suf; k++) ops.push(' ');
    if (ia < a.length) ops.push(' ');
    ai = ia + 1;
    bi = ib + 1;
  }
  return ops;
}

/** Pairs (i in a, j in b) of lines unique in both, longest run increasing in both (patience LIS). */
function uniqueAnchors(
  a: readonly string[],
  b: readonly string[],
): Array<readonly [number, number]> {
  const inA = new Map<string, number>();
  a.forEach((l, i) => inA.set(l, inA.has(l) ? -1 : i));
  const inB = new Map<string, number>();
  b.forEach((l, j) => inB.set(l, inB.has(l) ? -1 : j));
  const pairs: Array<readonly [number, number]> = [];
  a.forEach((l, i) => {
    const j = inB.get(l);
    if (inA.get(l) === i && j !== undefined && j >= 0) pairs.push([i, j]);
  });
  // Longest increasing subsequence of j (pairs are already in increasing i), O(n log n).
  const tails: number[] = [];
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let p = 0; p < pairs.length; p++) {
    const j = pairs[p]![1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[p] = tails[lo - 1]!;
    tails[lo] = p;
  }
  const out: Array<readonly [number, number]> = [];
  for (let p = tails.length > 0 ? tails[tails.length - 1]! : -1; p >= 0; p = prev[p]!)
    out.push(pairs[p]!);
  return out.reverse();
}

/** Shortest edit script between a and b as a list of ' ', '-', '+' operations (Myers). */
function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0))
          ? (v[offset + k + 1] ?? 0)
          : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace backwards to recover the script.
  const ops: Array<' ' | '-' | '+'> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d] as Int32Array;
    const k = x - y;
    const prevK =
      k === -d || (k !== d && (vd[offset + k - 1] ?? 0) < (vd[offset + k + 1] ?? 0))
        ? k + 1
        : k - 1;
    const prevX = vd[offset + prevK] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(' ');
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) {
        ops.push('+');
        y--;
      } else {
        ops.push('-');
        x--;
      }
    }
  }
  return ops.reverse();
}

function toHunks(lines: readonly DiffLine[], context: number): DiffHunk[] {
  const hunks: DiffHunk[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i]?.op === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // Extend while the next change is within 2×context kept lines.
    for (;;) {
      let j = end;
      while (j < lines.length && lines[j]?.op !== ' ') j++;
      let k = j;
      while (k < lines.length && lines[k]?.op === ' ' && k - j < 2 * context + 1) k++;
      if (k < lines.length && lines[k]?.op !== ' ' && k - j <= 2 * context) end = k;
      else {
        end = Math.min(lines.length, j + context);
        break;
      }
    }
    const slice = lines.slice(start, end);
    const first = slice[0];
    hunks.push({
      oldStart: first?.oldLine ?? firstNumber(slice, 'oldLine'),
      newStart: first?.newLine ?? firstNumber(slice, 'newLine'),
      lines: slice,
    });
    i = end;
  }
  return hunks;
}

function firstNumber(lines: readonly DiffLine[], field: 'oldLine' | 'newLine'): number {
  for (const l of lines) if (l[field] !== undefined) return l[field] as number;
  return 0;
}

/** Unified-diff text of the hunks (`@@ -a +b @@` headers, ` `, `+`, `-` lines). */
export function formatUnifiedDiff(
  hunks: readonly DiffHunk[],
  oldName: string,
  newName: string,
): string {
  if (hunks.length === 0) return '';
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  for (const h of hunks) {
    const oldCount = h.lines.filter((l) => l.op !== '+').length;
    const newCount = h.lines.filter((l) => l.op !== '-').length;
    out.push(`@@ -${h.oldStart},${oldCount} +${h.newStart},${newCount} @@`);
    for (const l of h.lines) out.push(`${l.op}${l.text}`);
  }
  return out.join('\n') + '\n';
}
