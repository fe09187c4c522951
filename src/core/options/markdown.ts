import type { OptionSpec, OptionTable, ValueType } from './spec.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|');

function valueText(v: ValueType): string {
  switch (v.type) {
    case 'int':
      return `${v.min}–${v.max}${v.unit ? ` ${v.unit}` : ''}`;
    case 'choice':
      return v.values.join(' \\| ');
    case 'version':
      return '1 \\| 2';
    case 'boolean':
      return 'switch';
    case 'list':
      return 'comma-separated (a list in config)';
    case 'secret-ref':
      return '`{ env }` \\| `{ file }`';
    case 'auth-header':
      return '`{ name, value: { env } \\| { file } }`';
    case 'env-name':
      return 'variable name';
    default:
      return v.type;
  }
}

function flagText(row: OptionSpec): string {
  if (row.arg !== undefined) return `\`[${row.key}]\``;
  if (!row.flags) return '(config only)';
  return `\`${row.flags}\`${row.negatable ? ` / \`--no-${row.flags.match(/--([a-z0-9-]+)/)?.[1] ?? ''}\`` : ''}`;
}

/** A command's option table as Markdown (the README's option reference, kept current by a test). */
export function optionTableMarkdown(table: OptionTable): string {
  const lines = [
    '| flag | env | config | value | default | meaning |',
    '|---|---|---|---|---|---|',
  ];
  for (const row of table.rows) {
    if (row.hidden) continue;
    const config = row.config && table.section ? `\`${table.section}.${row.config}\`` : '';
    const def = row.default === undefined ? '' : `\`${String(row.default)}\``;
    lines.push(
      `| ${flagText(row)} | ${row.env ? `\`${row.env}\`` : ''} | ${config} | ${valueText(row.value)} | ${def} | ${cell(row.description)} |`,
    );
  }
  return lines.join('\n') + '\n';
}

/** Replaces the text between `<!-- options:NAME -->` and `<!-- /options:NAME -->` markers; returns null when a marker is missing. */
export function replaceOptionSection(doc: string, name: string, body: string): string | null {
  const open = `<!-- options:${name} -->\n`;
  const close = `<!-- /options:${name} -->`;
  const i = doc.indexOf(open);
  const j = doc.indexOf(close);
  if (i < 0 || j < i) return null;
  return doc.slice(0, i + open.length) + body + doc.slice(j);
}
