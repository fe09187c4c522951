import { dirname, join } from 'node:path';
import type { Logger, RuntimeContext } from '../contracts/index.js';
import { writeOutputFile } from '../adapters/output-file.js';
import { buildArtilleryExport } from '../core/endpoint/artillery-export.js';
import { ExitCode, type ExitCodeValue } from '../core/exit-codes.js';
import { MESSAGES } from '../messages/index.js';

type ExportInput = Parameters<typeof buildArtilleryExport>[0] & { seed?: number | undefined };

/** `test-endpoint --export artillery FILE`: the scenario and its processor beside it, nothing sent. */
export async function writeArtilleryExport(
  ctx: RuntimeContext,
  log: Logger,
  input: ExportInput,
  file: string,
): Promise<ExitCodeValue> {
  const x = buildArtilleryExport(input, file, { version: ctx.version, seed: input.seed ?? 1 });
  await writeOutputFile(ctx.cwd, file, x.scenario, ctx.redactor, 'code');
  await writeOutputFile(
    ctx.cwd,
    join(dirname(file), x.processorName),
    x.processor,
    ctx.redactor,
    'code',
  );
  const env = x.env.map((n) => `${n}=… `).join('');
  log.info(MESSAGES.endpoint.exportWritten(file, x.processorName, env));
  return ExitCode.OK;
}
