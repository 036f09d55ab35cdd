import * as z from 'zod';
import { riskOfSeriousHarmRecords } from '#domain/countersigning-policy';
import { adjournmentCauses, hearingOutcomes } from '#domain/adjournment';
import { calendarDate } from './formats';
import { requiredText } from './text';

const riskOfSeriousHarmError = 'Choose the risk of serious harm from the assessment, or that it is not yet assessed';

/**
 * An officer's suitability decision; the rationale is what a countersigner and the court rely on.
 * The risk of serious harm from the assessment (or that it is not yet assessed) is recorded with
 * it, because the countersigning policy may ask for a countersignature when it is high or very
 * high. Required for a suitable decision, which is the one a countersignature guards: left
 * optional, skipping it would quietly skip that rule (ADR 0019). An unsuitable decision needs no
 * countersignature, so it may leave it out.
 */
export const decisionSchema = z
  .object({
    outcome: z.enum(['SUITABLE', 'UNSUITABLE'], { error: 'Choose suitable or unsuitable' }),
    rationale: requiredText('the reasons for your decision', 4000),
    riskOfSeriousHarm: z.enum(riskOfSeriousHarmRecords, { error: riskOfSeriousHarmError }).optional(),
  })
  .strict()
  .refine((value) => value.outcome !== 'SUITABLE' || value.riskOfSeriousHarm !== undefined, {
    path: ['riskOfSeriousHarm'],
    message: riskOfSeriousHarmError,
    // Checked even when another field is wrong, so the form lists every slip at once.
    when: ({ value }) => typeof value === 'object' && value !== null && (value as { outcome?: unknown }).outcome === 'SUITABLE',
  });

/** A senior probation officer's countersignature; disagreeing must say why. */
export const countersignSchema = z
  .object({
    agree: z.boolean({ error: 'Say whether you agree with the decision' }),
    comment: z.string({ error: 'Enter a comment' }).trim().max(4000, { error: 'Comment must be 4000 characters or fewer' }),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (!value.agree && value.comment.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Explain why you do not agree with the decision' });
    }
  });

/** Withdrawing a proposal, with the reason kept for the record. */
/** Why restricted agency text is needed (audited with the view): a few words, never in an address. */
export const restrictedReasonSchema = z
  .object({ reason: z.string().trim().min(5, 'Say in a few words why you need to see restricted information').max(500, 'Reason must be 500 characters or fewer') })
  .strict();

export const withdrawSchema = z.object({ reason: requiredText('the reason for withdrawing', 1000) }).strict();

/**
 * Consent taken by an officer by phone or in person. Whether the resident was spoken to alone is
 * recorded because consent given with the defendant listening may be coerced.
 */
export const officerConsentSchema = z
  .object({
    decision: z.enum(['CONSENT', 'REFUSE'], { error: 'Choose whether the resident consents' }),
    method: z.enum(['PHONE', 'IN_PERSON'], { error: 'Choose how you spoke to the resident' }),
    spokenToAlone: z.boolean({ error: 'Say whether the resident was spoken to alone' }),
  })
  .strict();

/** See decisionSchema. */
export type Decision = z.infer<typeof decisionSchema>;
/** See countersignSchema. */
export type Countersign = z.infer<typeof countersignSchema>;
/**
 * A resident told the officer they withdraw their consent (functions/proposals/withdraw-consent.ts):
 * which resident, by their consent check's id (the proposal view lists it).
 */
export const consentWithdrawalSchema = z
  .object({ checkId: z.string({ error: 'Choose the resident who withdrew their consent' }).trim().min(1, 'Choose the resident who withdrew their consent').max(100, 'Choose the resident who withdrew their consent') })
  .strict();

/** See consentWithdrawalSchema. */
export type ConsentWithdrawalInput = z.infer<typeof consentWithdrawalSchema>;
/** See withdrawSchema. */
export type Withdrawal = z.infer<typeof withdrawSchema>;
/** See officerConsentSchema. */
export type OfficerConsent = z.infer<typeof officerConsentSchema>;

/**
 * A resend request (functions/proposals/resend-link.ts): optionally, how many times the caller saw
 * the link had been sent again, so a resend that crossed another is refused rather than sent twice.
 */
export const resendLinkSchema = z
  .object({
    resendCount: z.number({ error: 'The page was out of date: reload it and try again' }).int({ error: 'The page was out of date: reload it and try again' }).min(0, { error: 'The page was out of date: reload it and try again' }).optional(),
  })
  .strict();

/** The path of a court's list for one hearing date (GET /api/courts/{courtCode}/hearings/{date}). */
export const courtHearingPathSchema = z.object({
  courtCode: z.string().regex(/^[A-Z]\d{2}[A-Z]{2}\d{2}$/, 'Court code must look like B01LY00'),
  date: z.iso.date('Date must be a real date in the form YYYY-MM-DD'),
});

/**
 * The hearing moved (ADR 0024): the new date, and whether the checks not being back caused it. The
 * note is the officer's own words, kept on the proposal only (never in a log, audit record or event).
 */
export const adjournmentSchema = z
  .object({
    hearingDate: calendarDate('the new hearing date'),
    cause: z.enum(adjournmentCauses, { error: 'Choose why the hearing was adjourned' }),
    note: z.string({ error: 'Note must be text' }).trim().max(500, { error: 'Note must be 500 characters or fewer' }).optional(),
  })
  .strict();

/** See adjournmentSchema. */
export type AdjournmentInput = z.infer<typeof adjournmentSchema>;

/**
 * What the court did at the hearing. Adjourned needs the new date and the cause, as an adjournment
 * does (it is recorded as one); a sentence needs nothing more.
 */
export const hearingOutcomeSchema = z
  .object({
    outcome: z.enum(hearingOutcomes, { error: 'Choose what the court decided' }),
    hearingDate: calendarDate('the new hearing date').optional(),
    cause: z.enum(adjournmentCauses, { error: 'Choose why the hearing was adjourned' }).optional(),
    note: z.string({ error: 'Note must be text' }).trim().max(500, { error: 'Note must be 500 characters or fewer' }).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.outcome !== 'ADJOURNED') {
      for (const key of ['hearingDate', 'cause', 'note'] as const) {
        if (value[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'Only an adjournment has a new hearing date, a cause or a note' });
      }
      return;
    }
    if (value.hearingDate === undefined) ctx.addIssue({ code: 'custom', path: ['hearingDate'], message: 'Enter the new hearing date' });
    if (value.cause === undefined) ctx.addIssue({ code: 'custom', path: ['cause'], message: 'Choose why the hearing was adjourned' });
  });

/** See hearingOutcomeSchema. */
export type HearingOutcomeInput = z.infer<typeof hearingOutcomeSchema>;
