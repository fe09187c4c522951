// eslint-disable-next-line no-control-regex -- ANSI colour codes are exactly what is matched
const ANSI = /\u001b\[[0-9;]*m/g;

/** Visible width of a string (ANSI colour codes do not count; wide emoji count 2). */
export function visibleWidth(s: string): number {
  let w = 0;
  for (const ch of s.replace(ANSI, '')) {
    const cp = ch.codePointAt(0)!;
    w +=
      cp >= 0x1f300 ||
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xff00 && cp <= 0xff60)
        ? 2
        : 1;
  }
  return w;
}

/** Lays rows out in aligned columns (two spaces apart), with an optional header row. */
export function renderTable(
  rows: ReadonlyArray<ReadonlyArray<string>>,
  opts: { header?: ReadonlyArray<string>; indent?: string } = {},
): string {
  const all = opts.header ? [opts.header, ...rows] : rows;
  const widths: number[] = [];
  for (const r of all)
    r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleWidth(cell))));
  const indent = opts.indent ?? '  ';
  return all
    .map((r) =>
      (
        indent +
        r
          .map((cell, i) =>
            i === r.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visibleWidth(cell)),
          )
          .join('  ')
      ).trimEnd(),
    )
    .join('\n');
}
