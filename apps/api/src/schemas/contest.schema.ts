import { z } from 'zod';
import { hasControlCharacters, plainString } from './text.ts';

const instant = z.iso.datetime({ offset: true });

export const contest = z
  .object({
    name: z.string(),
    rules: z.string(),
    selected_per_city: z.number().int().describe('How many players per city the ANB selects'),
    time_zone: z.string().describe('IANA time zone the dates are told in (CONTEST_TIME_ZONE)'),
    uploads_close_at: instant.nullable().describe('null while uploads have no deadline'),
    voting_closes_at: instant.nullable().describe('null while voting has no deadline'),
    phase: z
      .enum(['open', 'voting', 'closed'])
      .describe('open: uploads and votes; voting: uploads closed; closed: voting closed, results final'),
    next_deadline_at: instant.nullable().describe('The next date still ahead, for a countdown'),
  })
  .meta({ id: 'Contest' });

/** Line breaks and tabs are welcome in the rules; other control characters are not. */
const rulesText = z
  .string()
  .max(4000)
  .refine(
    (text) => !hasControlCharacters(text.replace(/[\n\r\t]/g, '')),
    'contiene caracteres de control no permitidos',
  );

export const contestSettings = z.object({
  name: plainString().trim().min(1).max(120),
  rules: rulesText,
  selected_per_city: z.number().int().min(1).max(1000),
  uploads_close_at: instant.nullable(),
  voting_closes_at: instant.nullable(),
});
