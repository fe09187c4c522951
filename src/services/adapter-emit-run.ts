import type { PayloadEvent } from '../contracts/index.js';
import { buildAdapterModel, emitAdapter, type AdapterModel } from '../core/adapter/index.js';
import { captureFileName, EMIT_MAX_PAIRS, PairKeeper } from '../core/adapter/collect.js';
import { SchemaObserver } from '../core/adapter/schema.js';
import { V1_ID_KEYS } from '../core/diff/known.js';
import type { DiffReport, DiffSample } from '../core/diff/session.js';
import { MESSAGES } from '../messages/index.js';
import type { EmitDeps, EmitRequest } from './adapter-emit.js';
import { runDiffPayload, type DiffPayloadInput, type DiffSource } from './diff-payload.js';

const A = MESSAGES.adapter;

/** What the diff's captures let the generators see: pairs, 1.0 keys, the 2.0 shape, file names. */
interface Observed {
  keeper: PairKeeper;
  schema: SchemaObserver;
  files: { v1: string[]; v2: string[] };
}

async function* tee(
  events: DiffSource['events'],
  see: (value: unknown, where: string) => void,
): AsyncGenerator<PayloadEvent> {
  for await (const ev of events) {
    if (ev.kind === 'record') see(ev.value, ev.where);
    yield ev;
  }
}

/** The 1.0 keys carrying the participation id, as the diff pairs them (`--map` entries to `id` too). */
function idKeysOf(map: DiffPayloadInput['map']): string[] {
  const keys = [...V1_ID_KEYS];
  for (const [k, v] of map ?? []) if (v === 'id') keys.push(k);
  return keys;
}

/** Both sides wrapped so the generators observe every record the diff reads. */
function observe(input: DiffPayloadInput): { input: DiffPayloadInput; seen: Observed } {
  const seen: Observed = {
    keeper: new PairKeeper(idKeysOf(input.map), EMIT_MAX_PAIRS),
    schema: new SchemaObserver(),
    files: { v1: [], v2: [] },
  };
  const named = (side: 'v1' | 'v2', src: DiffSource, where: string): void => {
    const name = src.label.startsWith('bundled ') ? src.label : captureFileName(where);
    if (!seen.files[side].includes(name) && seen.files[side].length < 1000)
      seen.files[side].push(name);
  };
  const v1 = tee(input.v1.events, (v, w) => {
    seen.keeper.addV1(v, w);
    named('v1', input.v1, w);
  });
  const v2 = tee(input.v2.events, (v, w) => {
    seen.keeper.addV2(v, w);
    seen.schema.add(v);
    named('v2', input.v2, w);
  });
  // Only the tee'd events: the sources' batches would bypass the generators' observers.
  return {
    input: {
      ...input,
      v1: { label: input.v1.label, events: v1 },
      v2: { label: input.v2.label, events: v2 },
    },
    seen,
  };
}

function modelOf(report: DiffReport, seen: Observed, version: string): AdapterModel {
  return buildAdapterModel({
    report,
    pairs: seen.keeper.pairs,
    v1Keys: seen.keeper.v1Keys,
    v1Values: seen.keeper.v1Values,
    meta: {
      qwhVersion: version,
      captures: seen.files,
      payloads: { v1: report.inputs.v1.payloads, v2: report.inputs.v2.payloads },
      pairs: seen.keeper.pairs.length,
    },
  });
}

/** Writes the schema and types files asked for; their provenance is in the documents. */
async function writeShapes(emit: EmitRequest, seen: Observed, deps: EmitDeps): Promise<void> {
  const files = seen.files.v2.slice(0, 10).join(', ');
  if (emit.schema) {
    const doc = seen.schema.jsonSchema({
      title: A.schemaTitle,
      description: A.schemaDescription(deps.version, files, seen.schema.payloads),
    });
    await deps.write(emit.schema, JSON.stringify(doc, null, 2) + '\n', 'json');
    deps.logger.info(A.wrote('JSON Schema', emit.schema));
  }
  if (emit.types) {
    const header = [
      `ParticipationV2: ${A.schemaTitle.toLowerCase()}.`,
      A.schemaDescription(deps.version, files, seen.schema.payloads),
    ];
    await deps.write(emit.types, seen.schema.typescript(header), 'code');
    deps.logger.info(A.wrote('TypeScript types', emit.types));
  }
}

/** runDiffWithEmits when a generator is asked for (its modules load only then). */
export async function runWithEmits(
  input: DiffPayloadInput,
  emit: EmitRequest,
  deps: EmitDeps,
): Promise<{ report: DiffReport; sample: DiffSample; adapterText?: string }> {
  const { input: watched, seen } = observe(input);
  const result = await runDiffPayload(watched, deps);
  const model = modelOf(result.report, seen, deps.version);
  await writeShapes(emit, seen, deps);
  if (!emit.adapter) return result;
  const ambiguous = result.report.fields
    .filter((f) => f.class === 'ambiguous')
    .map((f) => f.v1Path);
  if (ambiguous.length > 0) deps.logger.warn(A.ambiguousFields(ambiguous));
  if (seen.keeper.pairs.length === 0) deps.logger.warn(A.noPairsForEmit);
  const text = emitAdapter(model, emit.adapter.lang);
  if (emit.adapter.out === undefined) {
    deps.logger.info(A.adapterOnStdout);
    return { ...result, adapterText: text };
  }
  await deps.write(emit.adapter.out, text, 'code');
  deps.logger.info(A.wrote(`${emit.adapter.lang} adapter`, emit.adapter.out));
  return result;
}
