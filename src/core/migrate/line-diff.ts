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
  const mid = myers(a.slice(pre, a.length - suf), b.slice(pre, b.length - suf));
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

/** Shortest edit script between a and b as a list of ' ', '-', '+' operations. */
function myers(a: readonly string[], b: readonly string[]): Array<' ' | '-' | '+'> {
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
