import type { Document } from 'yaml';
import type { Problem } from '../path.js';
import { jsonExtent, scanJson, lineColumn } from './json-scan.js';
import { checkStructure, type StructureLimits } from './limits.js';

/*
 * The JSON half of parse-document.ts, in a module that does not load the YAML parser: reading a
 * package.json or a JSON config must not cost a command the yaml library's start-up.
 */

export type DocumentFormat = 'json' | 'yaml';

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

/** parseDocumentText(text, 'json', limits), without the YAML parser. */
export function parseJsonDocumentText(text: string, limits: StructureLimits): ParsedDocument {
  const format = 'json';
  if (text.trim() === '')
    return { ok: false, format, problems: [{ path: [], message: 'the file is empty' }] };
  // Judged on the text first (one cheap pass), before the scanner and JSON.parse build anything.
  // (The depth is left to the scanner, which reports its line and column.)
  if (jsonExtent(text).items > limits.maxKeys) {
    const message = `more than ${limits.maxKeys} keys and items in total`;
    return { ok: false, format, problems: [{ path: [], message }] };
  }
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
  const value: unknown = JSON.parse(text);
  const problems = checkStructure(value, limits);
  if (problems.length > 0) return { ok: false, format, problems };
  return { ok: true, value, format };
}
