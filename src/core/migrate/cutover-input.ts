import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { MESSAGES } from '../../messages/index.js';
import type { ConfirmStep } from './stages.js';

const C = MESSAGES.migrate.cutover;

/** The confirm command's input, cross-checked: a step is required, --accept-gap only with v1-off. */
export function resolveConfirmInput(o: {
  step?: ConfirmStep | undefined;
  webhook?: string | undefined;
  acceptGap?: string | undefined;
}): { step: ConfirmStep; webhook?: string; acceptGap?: string } {
  if (!o.step)
    throw new UserError(
      MESSAGES.migrate.cutover.confirmNeedsStep,
      ExitCode.USAGE,
      MESSAGES.migrate.cutover.confirmNeedsStepHint,
    );
  const gap = o.acceptGap?.trim();
  if (gap !== undefined && o.step !== 'v1-off')
    throw new UserError(C.acceptGapOnlyV1Off, ExitCode.USAGE);
  if (gap !== undefined && gap.length < 3) throw new UserError(C.acceptGapTooShort, ExitCode.USAGE);
  return {
    step: o.step,
    ...(o.webhook ? { webhook: o.webhook } : {}),
    ...(gap ? { acceptGap: gap } : {}),
  };
}
