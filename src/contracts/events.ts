/** Events that stream between adapters and services (types only). */

/** One payload read, or one record that is not a payload (with where and why). */
export type PayloadEvent =
  | { kind: 'record'; value: unknown; where: string }
  | { kind: 'invalid'; where: string; reason: string };
