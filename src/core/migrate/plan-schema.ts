import * as z from 'zod';
import { PushRuleSchema, ScopeSchema } from '../account/schema.js';
import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { formatPath } from '../path.js';
import { zodIssuesToProblems } from '../zod-problems.js';
import { MESSAGES } from '../../messages/index.js';
import { PLAN_VERSION, type Plan } from './types.js';

const M = MESSAGES.migrate;

// Loose objects: unknown keys are kept, not stripped, so an edited plan still fails the replay
// comparison (exit 4, "does not match") rather than passing it with the edit silently dropped.
const SecretLocation = z.union([
  z.looseObject({ file: z.string() }),
  z.looseObject({ env: z.string() }),
]);

const PlanOptionsSchema = z.looseObject({
  secretEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .optional(),
  incomplete: z.boolean(),
  keepV1: z.boolean(),
  skipVerify: z.boolean(),
  allowInsecureHost: z.boolean(),
  only: z.array(z.string()).optional(),
  queryToken: z.enum(['keep', 'move']),
});

const SecretFileSchema = z.looseObject({
  file: z.string(),
  purpose: z.enum(['hmac-secret', 'auth-header']),
  source: z.discriminatedUnion('kind', [
    z.looseObject({ kind: z.literal('random-hex'), bytes: z.int().positive() }),
    z.looseObject({ kind: z.literal('basic-from-url') }),
    z.looseObject({ kind: z.literal('bearer-from-query'), param: z.string() }),
  ]),
});

const PlannedWebhookV2Schema = z.looseObject({
  key: z.string(),
  name: z.string(),
  scope: ScopeSchema,
  host: z.string(),
  dropQueryParams: z.array(z.string()),
  incompleteParticipations: z.boolean(),
  authHeader: z
    .looseObject({
      name: z.string(),
      value: SecretLocation,
      scheme: z.enum(['Basic', 'Bearer']),
    })
    .optional(),
  secret: SecretLocation,
});

const PlanUnitSchema = z.looseObject({
  v1: z.looseObject({
    key: z.string(),
    index: z.int().nonnegative(),
    scope: ScopeSchema,
    scopeLabel: z.string(),
    url: z.string(),
  }),
  mode: z.enum(['create', 'adopt']),
  v2Key: z.string(),
  create: PlannedWebhookV2Schema.optional(),
  twins: z.array(z.looseObject({ of: z.int().nonnegative(), rule: PushRuleSchema })),
  secretFiles: z.array(SecretFileSchema),
  verify: z.boolean(),
  disableV1: z.boolean(),
});

const NeedsHumanSchema = z.looseObject({
  code: z.enum([
    'query-token',
    'insecure-host',
    'private-host',
    'link-local-host',
    'existing-v2-differs',
    'unknown-target',
    'no-push-rules',
    'token-and-credentials',
    'routing-not-preserved',
  ]),
  severity: z.enum(['blocker', 'todo']),
  webhook: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  action: z.string(),
});

const Count = z.int().nonnegative();

/** A saved plan (`--plan-out`), as `--plan` accepts it back: the shape of `Plan`, checked. */
export const PlanSchema: z.ZodType<Plan> = z.looseObject({
  planVersion: z.literal(PLAN_VERSION),
  tool: z.literal('qwh'),
  file: z.string(),
  format: z.enum(['json', 'yaml']),
  // Any text: a sha that differs from the file's is a stale plan (exit 4), checked later.
  sourceSha256: z.string(),
  options: PlanOptionsSchema,
  units: z.array(PlanUnitSchema),
  skipped: z.array(
    z.looseObject({
      key: z.string(),
      reason: z.enum(['disabled', 'not-selected', 'existing-v2-differs', 'migrated']),
    }),
  ),
  needsHuman: z.array(NeedsHumanSchema),
  counts: z.looseObject({
    webhooks: Count,
    ruleTwins: Count,
    disables: Count,
    secretFiles: Count,
  }),
  changes: Count,
  blocked: z.boolean(),
});

function unreadable(file: string, why: string): UserError {
  return new UserError(M.planUnreadable(file, why), ExitCode.USAGE, M.planUnreadableHint);
}

/**
 * Parses a saved plan's text, or throws one line naming the file and what is wrong (exit 2):
 * not JSON, not a qwh plan, a plan version this qwh does not read, or the first field that
 * does not fit the schema. Whether it still matches the account file is the caller's check.
 */
export function parseSavedPlan(text: string, file: string): Plan {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw unreadable(file, 'not JSON');
  }
  const head = v as { tool?: unknown; sourceSha256?: unknown; planVersion?: unknown } | null;
  if (
    !head ||
    typeof head !== 'object' ||
    head.tool !== 'qwh' ||
    typeof head.sourceSha256 !== 'string'
  )
    throw unreadable(file, 'no qwh plan fields');
  if (head.planVersion !== PLAN_VERSION)
    throw unreadable(
      file,
      `plan version ${String(head.planVersion)}, this qwh reads ${PLAN_VERSION}`,
    );
  const parsed = PlanSchema.safeParse(v);
  if (parsed.success) return parsed.data;
  const first = zodIssuesToProblems(parsed.error.issues)[0];
  throw unreadable(file, first ? `${formatPath(first.path)}: ${first.message}` : 'invalid');
}
