import * as z from 'zod';
import { badPercentMessage, badPercentPart } from '../url-escapes.js';

/** A secret value: literal (discouraged), or read from an environment variable or a file. */
export const SecretRefSchema = z.union([
  z.string().min(1, { error: 'must not be empty' }),
  z.strictObject({
    env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be an environment variable name' }),
  }),
  z.strictObject({ file: z.string().min(1, { error: 'must be a file path' }) }),
]);
export type SecretRef = z.infer<typeof SecretRefSchema>;

const Id = z
  .int({ error: 'must be a whole number' })
  .positive({ error: 'must be a positive whole number' });
const Key = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
  error: 'must be 1–64 letters, digits, ".", "_" or "-"',
});

/**
 * A display name (account, website, master form, campaign, 2.0 webhook): one line. Every other
 * control character is shown as `\uXXXX` on output (src/core/control-text.ts), but a line break
 * must pass there, so one inside a name would start a new line of qwh's output — which GitHub
 * Actions reads as a workflow command (`::error::…`, `::add-mask::…`). Qualifio's names are
 * one-line fields.
 */
const oneLine = (s: z.ZodString): z.ZodString =>
  s.regex(/^[^\n]*$/, { error: 'must be one line (it holds a line break)' });
const Name = oneLine(z.string().min(1));

/** Where a webhook applies: the whole account or one website (by id). */
export const ScopeSchema = z.union([z.literal('account'), z.strictObject({ website: Id })], {
  error: 'must be "account" or { website: <id> }',
});
export type Scope = z.infer<typeof ScopeSchema>;

/** An http(s) URL whose percent-escapes decode (see `badPercentPart`). */
export const HttpUrl = z
  .url({ protocol: /^https?$/, error: 'Invalid URL' })
  .superRefine((v, ctx) => {
    const part = badPercentPart(v);
    if (part) ctx.addIssue({ code: 'custom', message: badPercentMessage(part) });
  });

/** RFC 9110 token: what an HTTP header name may contain. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const WebhookV1Schema = z.strictObject({
  key: Key,
  version: z.literal(1),
  scope: ScopeSchema,
  url: HttpUrl,
  enabled: z.boolean().default(true),
});

export const AuthHeaderSchema = z.strictObject({
  name: z.string().regex(HEADER_NAME, { error: 'must be an HTTP header name' }),
  value: SecretRefSchema,
});

export const WebhookV2Schema = z.strictObject({
  key: Key,
  version: z.literal(2),
  scope: ScopeSchema,
  name: oneLine(z.string().min(1, { error: 'must not be empty' }).max(200)),
  host: HttpUrl,
  incompleteParticipations: z.boolean().default(false),
  authHeader: AuthHeaderSchema.optional(),
  secret: SecretRefSchema.optional(),
  enabled: z.boolean().default(true),
});

export const WebhookSchema = z.discriminatedUnion('version', [WebhookV1Schema, WebhookV2Schema], {
  error: 'version must be 1 or 2',
});

export const RULE_LEVELS = ['default', 'website', 'masterForm', 'campaign'] as const;
export const CAMPAIGN_MODES = ['anonymous', 'identified', 'both'] as const;

export const PushRuleSchema = z.strictObject({
  level: z.enum(RULE_LEVELS, { error: `must be one of ${RULE_LEVELS.join(', ')}` }),
  target: Id.optional(),
  campaignMode: z
    .enum(CAMPAIGN_MODES, { error: `must be one of ${CAMPAIGN_MODES.join(', ')}` })
    .optional(),
  // null = exclusion: no push for this target [assumed, see src/core/assumptions.ts].
  destination: z.string().min(1).nullable(),
});

const Named = z.strictObject({ id: Id, name: Name });

/** The account file: qwh's own description of one Qualifio account's integrations. */
export const AccountFileSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1, { error: 'must be 1 (the account-file format version)' }),
  account: Named,
  websites: z
    .array(z.strictObject({ id: Id, name: Name, domain: oneLine(z.string()).optional() }))
    .optional(),
  masterForms: z.array(Named).optional(),
  campaigns: z
    .array(
      z.strictObject({
        id: Id,
        name: Name,
        websiteId: Id.optional(),
        masterFormId: Id.optional(),
      }),
    )
    .optional(),
  webhooks: z.array(WebhookSchema),
  pushRules: z.array(PushRuleSchema).default([]),
});

export type AccountFile = z.infer<typeof AccountFileSchema>;
export type Webhook = z.infer<typeof WebhookSchema>;
export type WebhookV1 = z.infer<typeof WebhookV1Schema>;
export type WebhookV2 = z.infer<typeof WebhookV2Schema>;
export type PushRule = z.infer<typeof PushRuleSchema>;
export type RuleLevel = (typeof RULE_LEVELS)[number];
