import { isMap, isScalar, parseDocument, visit, type Document } from 'yaml';
import type { Problem } from '../path.js';
import { lineColumn } from './json-scan.js';
import { checkStructure, type StructureLimits } from './limits.js';
import {
  parseJsonDocumentText,
  type DocumentFormat,
  type ParsedDocument,
} from './parse-json-document.js';
import { yamlExtent } from './yaml-scan.js';

export { detectFormat, type DocumentFormat, type ParsedDocument } from './parse-json-document.js';

/** Largest number of YAML alias expansions accepted (a "billion laughs" file needs millions). */
export const MAX_YAML_ALIASES = 100;

/**
 * Parses untrusted JSON or YAML text into plain data with every bound of `limits` enforced:
 * syntax errors carry line and column, duplicate keys are errors, YAML aliases are capped.
 */
export function parseDocumentText(
  text: string,
  format: DocumentFormat,
  limits: StructureLimits,
): ParsedDocument {
  if (format === 'json') return parseJsonDocumentText(text, limits);
  if (text.trim() === '')
    return { ok: false, format, problems: [{ path: [], message: 'the file is empty' }] };
  let value: unknown;
  let yamlDoc: Document | undefined;
  const tooBig = yamlTextProblem(text, limits);
  if (tooBig) return { ok: false, format, problems: [{ path: [], message: tooBig }] };
  try {
    yamlDoc = parseDocument(text, {
      // Checked below in one pass: the library's own check compares each key with every
      // earlier one (a 50 000-key map took minutes).
      uniqueKeys: false,
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
        return pos ? { path: [], message, line: pos.line, column: pos.col } : { path: [], message };
      }),
    };
  }
  const dups = duplicateYamlKeys(yamlDoc, text);
  if (dups.length > 0) return { ok: false, format, problems: dups };
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
  const problems = checkStructure(value, limits);
  if (problems.length > 0) return { ok: false, format, problems };
  return yamlDoc ? { ok: true, value, format, yaml: yamlDoc } : { ok: true, value, format };
}

/**
 * The first limit YAML text breaks, judged on the text (see yamlExtent) before the yaml library
 * builds ~1 KB per node and recurses per level. The estimate may be up to twice below the
 * truth, so the depth is refused here only past twice the limit (the parsed value is checked
 * exactly afterwards); the node count at the limit itself.
 */
export function yamlTextProblem(text: string, limits: StructureLimits): string | undefined {
  const { depth, nodes } = yamlExtent(text);
  if (depth > 2 * limits.maxDepth) return `nesting deeper than ${limits.maxDepth} levels`;
  if (nodes > limits.maxKeys) return `more than ${limits.maxKeys} keys and items in total`;
  return undefined;
}

/** Every scalar key repeated in its map (as the library's `uniqueKeys`), found in one pass. */
function duplicateYamlKeys(doc: Document, text: string): Problem[] {
  const problems: Problem[] = [];
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key)) continue;
        const id =
          typeof key.value === 'object' ? key.value : `${typeof key.value}:${String(key.value)}`;
        if (!seen.has(id)) {
          seen.add(id);
          continue;
        }
        const { line, column } = lineColumn(text, key.range?.[0] ?? 0);
        problems.push({ path: [], message: 'Map keys must be unique', line, column });
      }
    },
  });
  return problems;
}
