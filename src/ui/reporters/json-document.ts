/**
 * The version of qwh's `--json` documents (each has a JSON Schema in schema/, see
 * schema/README.md). Bump it when a document changes incompatibly (a key removed, renamed or
 * retyped); adding a key is compatible. Documents that had their own version keep it.
 */
export const JSON_SCHEMA_VERSION = 1;

/** A `--json` document: `schemaVersion` first, then the document's own keys. */
export function versioned<T extends object>(doc: T): { schemaVersion: number } & T {
  return { schemaVersion: JSON_SCHEMA_VERSION, ...doc };
}
