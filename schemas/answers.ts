import * as z from 'zod';
import type { CheckType } from '#domain/statuses';
import { optionalText, requiredText } from './text';

/** Who at the agency answered, so the court can see where each answer came from. */
export const responderSchema = z
  .object({
    name: requiredText('your name', 200),
    role: requiredText('your role', 200),
    organisation: requiredText('your organisation', 200),
  })
  .strict();

const summaryMissing = 'Enter a summary of the information held';
const needsSummary = (summary: string | undefined): boolean => summary === undefined || summary.length === 0;

/** The police domestic abuse unit's answer. Information held must be summarised, not just ticked. */
export const domesticAbuseAnswerSchema = z
  .object({
    outcome: z.enum(['NO_INFORMATION', 'INFORMATION_HELD'], { error: 'Say whether the police hold information' }),
    summary: optionalText('the summary', 4000),
    restricted: z.boolean({ error: 'Say whether the information must not be shared with the defendant' }),
    responder: responderSchema,
  })
  .strict()
  .superRefine((answer, ctx) => {
    if (answer.outcome === 'INFORMATION_HELD' && needsSummary(answer.summary)) {
      ctx.addIssue({ code: 'custom', path: ['summary'], message: summaryMissing });
    }
  });

/** Children's services' answer. Any knowledge of the family must be summarised. */
export const childSafeguardingAnswerSchema = z
  .object({
    outcome: z.enum(['NOT_KNOWN', 'KNOWN_NO_CURRENT_INVOLVEMENT', 'CURRENT_INVOLVEMENT'], {
      error: "Say whether the family is known to children's services",
    }),
    summary: optionalText('the summary', 4000),
    restricted: z.boolean({ error: 'Say whether the information must not be shared with the defendant' }),
    responder: responderSchema,
  })
  .strict()
  .superRefine((answer, ctx) => {
    if (answer.outcome !== 'NOT_KNOWN' && needsSummary(answer.summary)) {
      ctx.addIssue({ code: 'custom', path: ['summary'], message: summaryMissing });
    }
  });

/**
 * A resident's own answer. Consent must be informed, so CONSENT needs `understood: true`; asking to
 * speak to an officer is a private way out that does not read as a refusal.
 */
export const residentAnswerSchema = z
  .object({
    decision: z.enum(['CONSENT', 'REFUSE', 'SPEAK_TO_OFFICER'], { error: 'Choose an answer' }),
    understood: z.boolean().optional(),
  })
  .strict()
  .superRefine((answer, ctx) => {
    if (answer.decision === 'CONSENT' && answer.understood !== true) {
      ctx.addIssue({ code: 'custom', path: ['understood'], message: 'Confirm that you understand what you are agreeing to' });
    }
  });

/** A police answer; see domesticAbuseAnswerSchema. */
export type DomesticAbuseAnswer = z.infer<typeof domesticAbuseAnswerSchema>;
/** A children's services answer; see childSafeguardingAnswerSchema. */
export type ChildSafeguardingAnswer = z.infer<typeof childSafeguardingAnswerSchema>;
/** A resident's answer; see residentAnswerSchema. */
export type ResidentAnswer = z.infer<typeof residentAnswerSchema>;
/** An answer from an agency (police or children's services). */
export type AgencyAnswer = DomesticAbuseAnswer | ChildSafeguardingAnswer;
/** Any answer to a check. */
export type CheckAnswer = AgencyAnswer | ResidentAnswer;

/** The schema for the answer to a check of the given kind, so one handler can validate all three. */
export function answerSchemaFor(checkType: CheckType) {
  switch (checkType) {
    case 'DOMESTIC_ABUSE':
      return domesticAbuseAnswerSchema;
    case 'CHILD_SAFEGUARDING':
      return childSafeguardingAnswerSchema;
    case 'RESIDENT_CONSENT':
      return residentAnswerSchema;
  }
}

/**
 * The link token posted with an answer. Only the token is checked here: which answer schema applies
 * depends on the check the token belongs to, so the rest is validated after the lookup.
 */
export const linkTokenBodySchema = z.object({ token: z.string().min(1).max(200) }).loose();
