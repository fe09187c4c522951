/**
 * Nesting depth and node count of YAML text, estimated on the text alone, without building
 * anything: the yaml library costs about 1 KB of memory per node and recurses per level, so a
 * 10 MiB flow list (five million items) took it past 4 GB and V8 aborted before any limit of the
 * parsed value could be checked. This scan lets the reader refuse such a text before parsing.
 *
 * It is an estimate, tuned to never be far below the truth on hostile input:
 * - nodes: keys (a `:` indicator outside quotes and comments, a `? `), block items (`- `), and
 *   flow entries (the first entry of a `[…]`/`{…}` and every comma in it); a flow pair `[a: 1]`
 *   counts once (at most a factor 2 under);
 * - depth: the stack of block indentation levels (`- - -` on one line counts each dash; a
 *   sequence at its parent key's indentation is missed, so at most a factor 2 under) plus the
 *   flow nesting; block scalars (`|`, `>`) are skipped, quoted scalars may span lines.
 * The exact limits are checked again on the parsed value.
 */
export function yamlExtent(text: string): { depth: number; nodes: number } {
  const n = text.length;
  const indents: number[] = [];
  let flow = 0;
  let maxDepth = 0;
  let nodes = 0;
  let quote: 0 | 0x22 | 0x27 = 0;
  // Skip lines more indented than this (a block scalar's content); -1 when not in one.
  let blockScalarParent = -1;
  let i = 0;
  const isSpace = (c: number): boolean => c === 0x20 || c === 0x09;
  const isBreakOrSpace = (c: number): boolean =>
    Number.isNaN(c) || c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
  const deepen = (): void => {
    const d = indents.length + flow;
    if (d > maxDepth) maxDepth = d;
  };
  while (i < n) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = n;
    let p = i;
    const lineStart = i;
    i = end + 1;
    if (quote === 0 && flow === 0) {
      while (p < end && text.charCodeAt(p) === 0x20) p++;
      const indent = p - lineStart;
      const first = text.charCodeAt(p);
      const blank = p >= end || first === 0x23 /* # */ || first === 0x0d;
      if (blockScalarParent >= 0) {
        if (blank || indent > blockScalarParent) continue;
        blockScalarParent = -1;
      }
      if (blank) continue;
      if (indent === 0 && (text.startsWith('---', p) || text.startsWith('...', p))) {
        indents.length = 0;
        p += 3;
      } else if (indent === 0 && first === 0x25 /* % directive */) continue;
      else {
        while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
        indents.push(indent);
        deepen();
      }
    }
    // Scan the rest of the line. `start` is true where a token may begin (a quote opens a
    // quoted scalar, a bracket a flow collection, `|`/`>` a block scalar).
    let start = true;
    for (; p < end; p++) {
      const c = text.charCodeAt(p);
      if (quote !== 0) {
        if (quote === 0x22 && c === 0x5c) p++;
        else if (c === quote) {
          if (quote === 0x27 && text.charCodeAt(p + 1) === 0x27) p++;
          else {
            quote = 0;
            start = false;
          }
        }
        continue;
      }
      if (isSpace(c) || c === 0x0d) {
        continue;
      }
      if (c === 0x23 /* # */ && (p === lineStart || isBreakOrSpace(text.charCodeAt(p - 1)))) break;
      const next = text.charCodeAt(p + 1);
      if (c === 0x22 || c === 0x27) {
        if (start) quote = c;
        continue;
      }
      if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
        if (start || flow > 0) {
          flow++;
          nodes++;
          deepen();
          start = true;
        }
        continue;
      }
      if (flow > 0) {
        if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
          flow--;
          start = false;
        } else if (c === 0x2c /* , */) {
          nodes++;
          start = true;
        } else if (c === 0x3a /* : */ && (isBreakOrSpace(next) || next === 0x2c)) start = true;
        else if (c === 0x3f /* ? */ && isBreakOrSpace(next)) start = true;
        else if (c === 0x26 /* & */ || c === 0x21 /* ! */) {
          while (p + 1 < end && !isBreakOrSpace(text.charCodeAt(p + 1))) p++;
        } else start = false;
        continue;
      }
      // Block context.
      if ((c === 0x2d /* - */ || c === 0x3f) /* ? */ && start && isBreakOrSpace(next)) {
        nodes++;
        indents.push(p - lineStart + 1);
        deepen();
        continue;
      }
      if (c === 0x3a /* : */ && isBreakOrSpace(next)) {
        nodes++;
        start = true;
        continue;
      }
      if ((c === 0x7c /* | */ || c === 0x3e) /* > */ && start) {
        // The parent is the line's own indentation, not a `- ` pushed on it.
        blockScalarParent = lineIndent(text, lineStart);
        break;
      }
      if ((c === 0x26 /* & */ || c === 0x21) /* ! */ && start) {
        while (p + 1 < end && !isBreakOrSpace(text.charCodeAt(p + 1))) p++;
        continue;
      }
      start = false;
    }
  }
  return { depth: maxDepth, nodes };
}

function lineIndent(text: string, lineStart: number): number {
  let p = lineStart;
  while (text.charCodeAt(p) === 0x20) p++;
  return p - lineStart;
}
