import * as z from 'zod';
import { currentQuestionsVersion, questionsVersionOf, type AgencyCheckType } from '#domain/agency-questions';
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

/**
 * An agency's answer to its question (functions/domain/data/agency-questions.json, ADR 0021): the
 * options, and which of them must be explained in the summary, are the data's. `questionsVersion`
 * names the version the agency's page showed (the link page sends it); without it, the current
 * version. The stored answer always names its version, so it is shown with its own wording later.
 */
function agencyAnswerSchema(type: AgencyCheckType) {
  const current = currentQuestionsVersion();
  return z
    .object({
      // Said in the API's description (schemas/openapi.ts), since the options are data, not an enum here.
      outcome: z
        .string({ error: current.questions[type].chooseError })
        .max(100)
        .describe(`One of the options of the questions' version named by questionsVersion; in the current version (${current.id}): ${current.questions[type].options.map((option) => option.value).join(', ')}`),
      summary: optionalText('the summary', 4000),
      restricted: z.boolean({ error: 'Say whether the information must not be shared with the defendant' }),
      responder: responderSchema,
      questionsVersion: z.string().max(100).optional().describe(`The version of the questions the answer was given under; without it, the current one (${current.id})`),
    })
    .strict()
    .superRefine((answer, ctx) => {
      const version = questionsVersionOf(answer.questionsVersion ?? current.id);
      if (version === undefined) {
        ctx.addIssue({ code: 'custom', path: ['questionsVersion'], message: 'These questions have changed since the page was opened: open the link again and answer' });
        return;
      }
      const option = version.questions[type].options.find((candidate) => candidate.value === answer.outcome);
      if (option === undefined) {
        ctx.addIssue({ code: 'custom', path: ['outcome'], message: version.questions[type].chooseError });
      } else if (option.summaryRequired && needsSummary(answer.summary)) {
        ctx.addIssue({ code: 'custom', path: ['summary'], message: summaryMissing });
      }
    })
    .transform((answer) => ({ ...answer, questionsVersion: answer.questionsVersion ?? current.id }));
}

/** The police domestic abuse unit's answer. Information held must be summarised, not just ticked. */
export const domesticAbuseAnswerSchema = agencyAnswerSchema('DOMESTIC_ABUSE');

/** Children's services' answer. Any knowledge of the family must be summarised. */
export const childSafeguardingAnswerSchema = agencyAnswerSchema('CHILD_SAFEGUARDING');

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

/**
 * An agency's answer as stored: the schema always names the questions' version, but an answer
 * stored before the questions were data has none (it was given under the first version).
 */
type StoredAgencyAnswer<Schema extends z.ZodType> = Omit<z.output<Schema>, 'questionsVersion'> & { questionsVersion?: string };

/** A police answer; see domesticAbuseAnswerSchema. */
export type DomesticAbuseAnswer = StoredAgencyAnswer<typeof domesticAbuseAnswerSchema>;
/** A children's services answer; see childSafeguardingAnswerSchema. */
export type ChildSafeguardingAnswer = StoredAgencyAnswer<typeof childSafeguardingAnswerSchema>;
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
