import { parseDocument, type Document } from 'yaml';
import type { Problem } from '../path.js';
import { scanJson, lineColumn } from './json-scan.js';
import { checkStructure, type StructureLimits } from './limits.js';

export type DocumentFormat = 'json' | 'yaml';

/** Largest number of YAML alias expansions accepted (a "billion laughs" file needs millions). */
export const MAX_YAML_ALIASES = 100;

export type ParsedDocument =
  | { ok: true; value: unknown; format: DocumentFormat; yaml?: Document }
  | { ok: false; problems: Problem[]; format: DocumentFormat };

/** Picks the format from the file name; content decides for names without a known extension. */
export function detectFormat(name: string, text: string): DocumentFormat {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

/**
 * Parses untrusted JSON or YAML text into plain data with every bound of `limits` enforced:
 * syntax errors carry line and column, duplicate keys are errors, YAML aliases are capped.
 */
export function parseDocumentText(
  text: string,
  format: DocumentFormat,
  limits: StructureLimits,
): ParsedDocument {
  if (text.trim() === '')
    return { ok: false, format, problems: [{ path: [], message: 'the file is empty' }] };
  let value: unknown;
  let yamlDoc: Document | undefined;
  if (format === 'json') {
    const scan = scanJson(text, limits.maxDepth);
    if (scan.error) {
      const { line, column } = lineColumn(text, scan.error.offset);
      return {
        ok: false,
        format,
        problems: [{ path: [], message: scan.error.message, line, column }],
      };
    }
    if (scan.duplicates.length > 0) {
      return {
        ok: false,
        format,
        problems: scan.duplicates.map((d) => ({
          path: [...d.path, d.key],
          message: 'duplicate key',
        })),
      };
    }
    value = JSON.parse(text);
  } else {
    try {
      yamlDoc = parseDocument(text, {
        uniqueKeys: true,
        prettyErrors: true,
        strict: true,
        stringKeys: false,
      });
    } catch (e) {
      return {
        ok: false,
        format,
        problems: [{ path: [], message: `cannot parse YAML: ${(e as Error).message}` }],
      };
    }
    if (yamlDoc.errors.length > 0) {
      return {
        ok: false,
        format,
        problems: yamlDoc.errors.map((err) => {
          const pos = err.linePos?.[0];
          const message = (err.message.split('\n')[0] ?? err.message).replace(
            / at line \d+, column \d+:?$/,
            '',
          );
          return pos
            ? { path: [], message, line: pos.line, column: pos.col }
            : { path: [], message };
        }),
      };
    }
    try {
      value = yamlDoc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (e) {
      const msg = (e as Error).message;
      return {
        ok: false,
        format,
        problems: [
          {
            path: [],
            message: /alias/i.test(msg)
              ? `too many YAML alias expansions (limit ${MAX_YAML_ALIASES})`
              : `cannot read YAML: ${msg}`,
          },
        ],
      };
    }
  }
  const problems = checkStructure(value, limits);
  if (problems.length > 0) return { ok: false, format, problems };
  return yamlDoc ? { ok: true, value, format, yaml: yamlDoc } : { ok: true, value, format };
}
