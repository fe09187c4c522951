import { z } from 'zod';

/**
 * The webhook 2.0 participation payload ("participation webhook 2.3.0" [doc]). Top-level keys not
 * listed (exit-screen and game data, names unpublished) are accepted and preserved (looseObject).
 */
const Str = z.string();
const Int = z.int();

export const FileRefSchema = z.object({ path: Str, name: Str, type: Str });

export const FormItemSchema = z.object({
  id: Int,
  label: Str,
  type: Str,
  variable: Str,
  responses: z.array(
    z.object({ value: Str, label: Str.optional(), file: FileRefSchema.optional() }),
  ),
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
  ip: Str.regex(/^[0-9a-fA-F]{16}$/, { error: 'must be 16 hex characters' }),
  url: Str,
  startedAt: Str.regex(ISO_UTC_MS, { error: 'must be ISO-8601 UTC with milliseconds' }),
  completedAt: Str.optional(),
  state: Str,
  browser: z.object({ device: Str, userAgent: Str }),
  campaign: z.object({
    id: Int,
    name: Str,
    type: Str,
    themes: z.array(z.object({ code: Str, description: Str })),
    channel: z.object({
      uuid: Str,
      publishType: Str,
      dateStart: Str,
      dateEnd: Str,
      website: z.object({
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
export type Optin = z.infer<typeof OptinSchema>;
export type Question = z.infer<typeof QuestionSchema>;
