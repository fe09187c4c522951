import type { AdapterLanguage } from '../core/adapter/index.js';
import type { OutputFormat } from '../core/control-text.js';
import type { DiffReport, DiffSample } from '../core/diff/session.js';
import { runDiffPayload, type DiffPayloadDeps, type DiffPayloadInput } from './diff-payload.js';

/** What diff-payload's `--emit-*` flags ask for. */
export interface EmitRequest {
  adapter?: { lang: AdapterLanguage; out?: string };
  schema?: string;
  types?: string;
}

export interface EmitDeps extends DiffPayloadDeps {
  /** Writes a generated file (the command passes writeOutputFile). */
  write: (file: string, text: string, format: OutputFormat) => Promise<void>;
  version: string;
}

/**
 * `qwh diff-payload` with its generators: runs the diff while observing the captures, then
 * emits the adapter (written to `--out`, or returned for stdout), the JSON Schema and the types.
 * The generators' modules (zod among them) load only when one is asked for (start-up, bench/BENCHMARKS.md §5).
 */
export async function runDiffWithEmits(
  input: DiffPayloadInput,
  emit: EmitRequest | undefined,
  deps: EmitDeps,
): Promise<{ report: DiffReport; sample: DiffSample; adapterText?: string }> {
  if (!emit || (!emit.adapter && !emit.schema && !emit.types)) return runDiffPayload(input, deps);
  const { runWithEmits } = await import('./adapter-emit-run.js');
  return runWithEmits(input, emit, deps);
}
