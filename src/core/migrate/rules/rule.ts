import type { AccountFile, WebhookV1, WebhookV2 } from '../../account/schema.js';
import type {
  NeedsHuman,
  PlanOptions,
  PlannedRuleTwin,
  PlannedSecretFile,
  PlannedWebhookV2,
  SkippedWebhook,
} from '../types.js';

/** What a conversion rule sees: one enabled 1.0 webhook and its surroundings. */
export interface RuleContext {
  account: AccountFile;
  v1: WebhookV1;
  v1Index: number;
  scopeLabel: string;
  /** Key of the 2.0 twin: new (create) or the one already at the scope (adopt). */
  v2Key: string;
  /** create: a 2.0 webhook will be written; adopt: a matching one is already there. */
  mode: 'create' | 'adopt';
  /** The 2.0 webhook already at this scope, if any. */
  existing?: { webhook: WebhookV2; index: number };
  options: PlanOptions;
  /** Account file name without extension: names the folder of its secret files. */
  fileStem: string;
}

/** A rule's contribution to the unit; fields are merged in rule order. */
export interface RuleOutput {
  /** Leave this 1.0 webhook alone entirely. */
  stop?: SkippedWebhook['reason'];
  create?: Partial<PlannedWebhookV2>;
  twins?: PlannedRuleTwin[];
  secretFiles?: PlannedSecretFile[];
  needsHuman?: NeedsHuman[];
  disableV1?: boolean;
}

/** One conversion rule: a small pure function with a name and a one-line summary. */
export interface ConversionRule {
  id: string;
  summary: string;
  apply(ctx: RuleContext): RuleOutput;
}
