import * as z from 'zod';
import type { Problem } from '../path.js';
import { zodIssuesToProblems } from '../zod-problems.js';

/**
 * The webhook 2.0 participation payload ("participation webhook 2.3.0" [doc]), shaped and ordered
 * like Qualifio's published example. The schema's required lists, enums and formats were not
 * readable, so every constraint here beyond the example's shape is qwh's reading: receivers
 * (`qwh listen`) report a model mismatch as a warning, not a refusal (see v2Problems). Top-level
 * keys not listed (exit-screen and game data, names unpublished) are accepted and preserved.
 */
const Str = z.string();
const Int = z.int();

export const FileRefSchema = z.object({ path: Str, name: Str, type: Str });

/**
 * One response to a form item [doc]: a choice is `{ label, value }`, a FILE UPLOAD is only
 * `{ file }` (no value), free text `{ value }`: every member is optional.
 */
export const FormResponseSchema = z.object({
  label: Str.optional(),
  value: Str.optional(),
  file: FileRefSchema.optional(),
});

export const FormItemSchema = z.object({
  id: Int,
  label: Str,
  type: Str,
  variable: Str,
  responses: z.array(FormResponseSchema),
});

const CategorySchema = z.object({ id: Int, label: Str, technicalName: Str });

export const OptinSchema = z.object({
  id: Int,
  label: Str,
  description: Str,
  response: z.enum(['1', '0', '']),
  variable: Str,
  categories: z.array(CategorySchema.extend({ parent: CategorySchema.optional() })),
});

export const QuestionSchema = z.object({
  id: Int,
  label: Str,
  type: Str,
  score: z.number(),
  maxScore: z.number(),
  variable: Str,
  responses: z.array(
    z.object({ value: Str, score: z.number().optional(), isCorrect: z.boolean().optional() }),
  ),
});

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const ParticipationV2Schema = z.looseObject({
  id: Str.regex(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/, {
    error: 'must be an upper-case UUID',
  }),
  // The example shows upper case; lower case is accepted (case is not a documented constraint).
  ip: Str.regex(/^[0-9a-fA-F]{16}$/, { error: 'must be 16 hex characters' }),
  url: Str,
  startedAt: Str.regex(ISO_UTC_MS, { error: 'must be ISO-8601 UTC with milliseconds' }),
  completedAt: Str.optional(),
  state: Str,
  browser: z.object({ device: Str, userAgent: Str }),
  // Key order of the published example: id, name, themes, type, channel.
  campaign: z.object({
    id: Int,
    name: Str,
    themes: z.array(z.object({ code: Str, description: Str })),
    type: Str,
    channel: z.object({
      uuid: Str,
      publishType: Str,
      dateStart: Str,
      dateEnd: Str,
      website: z.object({
        // Absent in one published version of the example.
        id: Int.optional(),
        name: Str,
        domain: Str,
        country: Str.regex(/^[A-Z]{2}$/, { error: 'must be an ISO-3166 alpha-2 code' }),
      }),
    }),
  }),
  form: z.array(FormItemSchema),
  optins: z.array(OptinSchema),
  questionnaire: z.array(QuestionSchema),
});

export type ParticipationV2 = z.infer<typeof ParticipationV2Schema>;
export type FormItem = z.infer<typeof FormItemSchema>;
export type FormResponse = z.infer<typeof FormResponseSchema>;
export type Optin = z.infer<typeof OptinSchema>;
export type Question = z.infer<typeof QuestionSchema>;

/**
 * What the documentation states outright [doc], so a receiver may refuse a body for it: the body
 * is one object, its `id` is the participation UUID (any case: upper case is only the example's),
 * and an opt-in response is "1", "0" or "" (DOMAIN.md). Everything else is qwh's reading.
 */
const DocFactsSchema = z.looseObject({
  id: Str.regex(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i, {
    error: 'must be a UUID',
  }),
  optins: z.array(z.looseObject({ response: z.enum(['1', '0', '']).optional() })).optional(),
});

/** Where a body differs from the 2.0 model: `doc` breaks a documented fact, `assumed` only qwh's reading. */
export interface V2Problems {
  doc: Problem[];
  assumed: Problem[];
}

/** Checks a parsed body against the 2.0 model and splits the mismatches by how sure qwh is of each. */
export function v2Problems(value: unknown): V2Problems {
  const d = DocFactsSchema.safeParse(value);
  const doc = d.success ? [] : zodIssuesToProblems(d.error.issues);
  if (Array.isArray(value) || doc.some((p) => p.path.length === 0)) return { doc, assumed: [] };
  const r = ParticipationV2Schema.safeParse(value);
  const known = new Set(doc.map((p) => p.path.join('\u0000')));
  const assumed = r.success
    ? []
    : zodIssuesToProblems(r.error.issues).filter((p) => !known.has(p.path.join('\u0000')));
  return { doc, assumed };
}
