import * as z from 'zod';
import { weekdays } from '#domain/calendar-date';
import { adjournmentCauses, hearingOutcomes } from '#domain/adjournment';
import { authorGrades, conditionIds, riskOfSeriousHarmRecords } from '#domain/countersigning-policy';
import { reportTypes } from '#domain/report-types';
import { checkStatuses, checkTypes, proposalStatuses } from '#domain/statuses';
import { relationships } from './proposal';

/**
 * What the JSON API answers, as zod schemas. Nothing parses with them at run time: they describe
 * the handlers' answers for the OpenAPI document (schemas/openapi.ts), and the handlers' own return
 * types are checked against them by TypeScript (`satisfies`), so a field added to an answer and not
 * here fails to compile. In the document objects are closed (`additionalProperties: false`), so the
 * integration test that validates real answers with the served document finds one missed too.
 */

/** UTC, ISO 8601, as stored. */
const instant = z.string().describe('UTC instant, ISO 8601');
const calendarDate = z.string().describe('Calendar date, YYYY-MM-DD');

/** One problem with one field (schemas/field-error.ts). */
export const fieldErrorSchema = z.object({ path: z.string().describe('Dotted path of the field, e.g. residents.1.email; empty for the whole body'), message: z.string() });

/**
 * Every refusal's body (functions/runtime/errors.ts): a code and a message, with the fields at fault
 * for a 400, and for some 409s the proposal's or check's status and the checks still outstanding.
 */
export const errorBodySchema = z
  .object({
    error: z.string().describe('VALIDATION_FAILED, UNAUTHENTICATED, FORBIDDEN, CSRF_TOKEN_INVALID, NOT_FOUND, LINK_NOT_USABLE, PAYLOAD_TOO_LARGE, TOO_MANY_REQUESTS, or a conflict: CHECKS_INCOMPLETE, NOT_ALLOWED, NOT_WAITING, CHANGED, ALREADY_RESENT, IDEMPOTENCY_KEY_REUSED, ALREADY_REPLACED'),
    message: z.string().describe('In plain English, for a person'),
    fields: z.array(fieldErrorSchema).optional().describe('400 only: every field at fault'),
    status: z.string().optional().describe('Some 409s: the status of the proposal or check that refused'),
    outstanding: z.array(z.string()).optional().describe('409 CHECKS_INCOMPLETE: the ids of the checks still outstanding'),
    nextProposalId: z.string().optional().describe('409 ALREADY_REPLACED: the proposal for the other address that already replaced this one'),
  })
  .meta({ title: 'Error' });

/** A 400: the fields at fault. */
export const validationErrorBodySchema = z
  .object({ error: z.literal('VALIDATION_FAILED'), message: z.string(), fields: z.array(fieldErrorSchema) })
  .meta({ title: 'ValidationError' });

/** POST /api/proposals (functions/proposals/create-proposal.ts). */
export const createdProposalSchema = z.object({
  proposalId: z.string(),
  status: z.literal('CHECKS_IN_PROGRESS'),
  adjournmentLikely: z.boolean().describe('Started too late for any realistic answer: warn the court now'),
});

/** See createdProposalSchema. */
export type CreatedProposal = z.output<typeof createdProposalSchema>;

const staffAction = { by: z.string().describe("The staff member's id"), at: instant };

const checkViewSchema = z.object({
  checkId: z.string(),
  type: z.enum(checkTypes),
  residentId: z.string().optional(),
  status: z.enum(checkStatuses),
  outcome: z.string().optional().describe("The agency's outcome or the resident's decision, once answered"),
  requestedAt: instant.nullable(),
  respondedAt: instant.optional(),
  dueAt: instant,
  overdueAt: instant.optional(),
  resendCount: z.number().int().min(0),
  newLinkRequestedAt: instant.optional(),
  responder: z.object({ name: z.string(), role: z.string(), organisation: z.string() }).optional(),
  restricted: z.boolean().optional(),
  summaryWithheld: z.literal(true).optional().describe('Restricted text exists: POST /api/proposals/{proposalId}/restricted with a reason to see it'),
  summary: z.string().optional(),
  source: z.discriminatedUnion('via', [
    z.object({ via: z.literal('LINK') }),
    z.object({ via: z.literal('OFFICER'), recordedBy: z.string(), method: z.enum(['PHONE', 'IN_PERSON']), spokenToAlone: z.boolean() }),
  ]).optional(),
  deliveryProblem: z.object({ messageId: z.string(), status: z.string(), at: instant }).optional(),
  consentWithdrawal: z
    .object({ at: instant, via: z.enum(['LINK', 'OFFICER']), recordedBy: z.string().optional().describe('The officer who recorded it'), afterHearing: z.boolean() })
    .optional()
    .describe('The resident withdrew the consent they gave (the answer stays as given)'),
});

const decisionViewSchema = z.object({
  ...staffAction,
  outcome: z.enum(['SUITABLE', 'UNSUITABLE']),
  rationale: z.string(),
  countersigning: z.object({ policyVersion: z.string(), conditions: z.array(z.enum(conditionIds)) }).optional(),
  riskOfSeriousHarm: z.enum(riskOfSeriousHarmRecords).optional(),
  authorGrade: z.enum(authorGrades).optional(),
});

/** The staff view of one proposal (functions/proposals/proposal-view.ts). */
export const proposalViewSchema = z
  .object({
    proposalId: z.string(),
    status: z.enum(proposalStatuses),
    concerns: z.boolean(),
    courtCode: z.string(),
    hearingDate: calendarDate,
    reportType: z.enum(reportTypes),
    defendant: z.object({ givenName: z.string(), familyName: z.string(), dateOfBirth: calendarDate, pnc: z.string().optional(), crn: z.string().optional() }),
    curfew: z.object({
      address: z.object({ line1: z.string(), line2: z.string().optional(), town: z.string(), postcode: z.string() }),
      startDate: calendarDate,
      endDate: calendarDate,
      periods: z.array(z.object({ days: z.array(z.enum(weekdays)), from: z.string(), to: z.string() })),
    }),
    residents: z.array(
      z.object({ residentId: z.string(), fullName: z.string(), relationship: z.enum(relationships), email: z.string().optional(), mobile: z.string().optional(), language: z.enum(['en', 'cy']) }),
    ),
    noOtherAdults: z.boolean(),
    childrenDeclaredByDefendant: z.object({ any: z.boolean(), count: z.number().int().optional() }),
    policeForce: z.string(),
    localAuthority: z.string(),
    unsuitableReason: z.enum(['CONSENT_NOT_GIVEN', 'CONSENT_WITHDRAWN']).optional(),
    consentWithdrawal: z
      .object({ at: instant, afterHearing: z.boolean() })
      .optional()
      .describe('A resident withdrew their consent; after the hearing the status stays and the court must be told'),
    needsAttention: z.object({ error: z.string(), at: instant }).optional(),
    checks: z.array(checkViewSchema),
    decision: decisionViewSchema.optional(),
    countersignature: z.object({ ...staffAction, agree: z.boolean(), comment: z.string() }).optional(),
    withdrawal: z.object({ ...staffAction, reason: z.string() }).optional(),
    adjournments: z
      .array(z.object({ ...staffAction, previousHearingDate: calendarDate, hearingDate: calendarDate, cause: z.enum(adjournmentCauses), note: z.string().optional() }))
      .describe('Each time the hearing moved, oldest first; hearingDate is the current one'),
    hearingOutcome: z
      .object({ ...staffAction, outcome: z.enum(['CURFEW_IMPOSED', 'OTHER_SENTENCE']), hearingDate: calendarDate, checksUnanswered: z.number().int().min(0) })
      .optional()
      .describe('The sentence the court gave, once recorded (an adjournment is in adjournments)'),
    caseId: z.string().describe("The case this proposal is a version of: its first proposal's id (another address makes the next version)"),
    version: z.number().int().min(1).describe('This proposal\'s number among the versions of its case, from 1'),
    previousProposalId: z.string().optional().describe('The proposal this one replaced (another address)'),
    nextProposalId: z.string().optional().describe('The proposal that replaced this one (another address): it is the current version'),
    events: z.array(z.object({ type: z.string(), at: instant, actor: z.string(), checkId: z.string().optional() })).describe('The audit trail, oldest first, without reasons'),
  })
  .meta({ title: 'ProposalView' });

/** See proposalViewSchema. */
export type ProposalView = z.output<typeof proposalViewSchema>;

/** A hash chain's verdict (functions/domain/audit-chain.ts). */
const chainVerdictSchema = z.union([
  z.object({ valid: z.literal(true), records: z.number().int() }),
  z.object({ valid: z.literal(false), atSeq: z.number().int(), problem: z.enum(['MISSING', 'ALTERED', 'TRUNCATED']) }),
]);

const chained = { seq: z.number().int().min(1), prevHash: z.string(), hash: z.string() };

/** One court list's views that showed a proposal, with the verdict of that list's whole chain. */
const courtListViewsSchema = z.object({
  courtCode: z.string(),
  hearingDate: calendarDate,
  verification: chainVerdictSchema,
  records: z.array(z.object({ ...chained, action: z.literal('COURT_LIST_VIEWED'), actor: z.string(), at: instant, courtCode: z.string(), hearingDate: calendarDate, shown: z.array(z.string()) })),
});

/** GET /api/proposals/{proposalId}/audit (functions/proposals/export-audit-trail.ts). */
export const auditTrailExportSchema = z.object({
  proposalId: z.string(),
  verification: chainVerdictSchema,
  records: z.array(
    z.object({
      ...chained,
      proposalId: z.string(),
      action: z.string(),
      actor: z.string().describe('A staff id, or POLICE, CHILDRENS_SERVICES, RESIDENT, WORKFLOW'),
      at: instant,
      checkId: z.string().optional(),
      reason: z.string().optional(),
      cause: z.enum(adjournmentCauses).optional().describe('HEARING_ADJOURNED'),
      previousHearingDate: calendarDate.optional().describe('HEARING_ADJOURNED'),
      hearingDate: calendarDate.optional().describe('HEARING_ADJOURNED: the new date; HEARING_OUTCOME_RECORDED: the hearing the outcome is of; PROPOSAL_CREATED: the hearing the checks are for'),
      outcome: z.enum(hearingOutcomes).optional().describe('HEARING_OUTCOME_RECORDED'),
      checksUnanswered: z.number().int().min(0).optional().describe('HEARING_OUTCOME_RECORDED'),
      caseId: z.string().optional().describe('ALTERNATIVE_ADDRESS_PROPOSED and REPLACED_BY_ALTERNATIVE_ADDRESS: the case both versions belong to'),
      version: z.number().int().optional().describe('ALTERNATIVE_ADDRESS_PROPOSED: the new version\'s number'),
      previousProposalId: z.string().optional().describe('ALTERNATIVE_ADDRESS_PROPOSED: the proposal the new address replaces'),
      nextProposalId: z.string().optional().describe('REPLACED_BY_ALTERNATIVE_ADDRESS: the proposal for the new address'),
      via: z.enum(['LINK', 'OFFICER']).optional().describe('CONSENT_WITHDRAWN'),
      afterHearing: z.boolean().optional().describe('CONSENT_WITHDRAWN'),
      status: z.string().optional().describe("CONSENT_WITHDRAWN, DECISION_SUITABLE, DECISION_UNSUITABLE, COUNTERSIGNED, COUNTERSIGNATURE_REFUSED: the proposal's resulting status (its domain event carries it, ADR 27)"),
      checkType: z.enum(checkTypes).optional().describe('CHECK_ANSWERED, RESIDENT_ASKED_TO_SPEAK: the check answered'),
      courtCode: z.string().optional().describe('PROPOSAL_CREATED: the court'),
      reportType: z.enum(reportTypes).optional().describe('PROPOSAL_CREATED: the report the checks are for'),
    }),
  ),
  courtListViews: courtListViewsSchema,
  earlierCourtListViews: z.array(courtListViewsSchema).describe('The same for each date the hearing was on before it was adjourned, oldest first'),
});

/** See auditTrailExportSchema. */
export type AuditTrailExport = z.output<typeof auditTrailExportSchema>;

const checkSummary = z.enum(['COMPLETE', 'OUTSTANDING', 'OVERDUE']);

/** GET /api/courts/{courtCode}/hearings/{date} (functions/handlers/api/list-court-hearing.ts). */
export const courtHearingListSchema = z.object({
  courtCode: z.string(),
  date: calendarDate,
  proposals: z.array(
    z.object({
      proposalId: z.string(),
      defendant: z.object({ givenName: z.string(), familyName: z.string() }),
      status: z.enum(proposalStatuses),
      checks: z.object({ domesticAbuse: checkSummary, childSafeguarding: checkSummary, residentConsent: checkSummary }),
      checksComplete: z.boolean(),
      adjournmentLikely: z.boolean(),
      suitability: z.enum(['SUITABLE', 'UNSUITABLE', 'NOT_DECIDED']),
      adjournments: z
        .array(z.object({ previousHearingDate: calendarDate, hearingDate: calendarDate, cause: z.enum(adjournmentCauses) }))
        .describe('Each time this hearing moved, oldest first: dates and the cause, never the officer\'s note'),
      hearingOutcome: z.enum(['CURFEW_IMPOSED', 'OTHER_SENTENCE']).optional().describe('The sentence, once the officer recorded it'),
      version: z.number().int().min(1).describe("The proposal's number among the addresses proposed for the case; a replaced one is not listed, its replacement is"),
      history: z.string().optional().describe('What became of the earlier addresses, in words: "Second address: the first was unsuitable"'),
      consentWithdrawn: z
        .enum(['BEFORE_HEARING', 'AFTER_HEARING'])
        .optional()
        .describe('A resident withdrew their consent for this address (never who); AFTER_HEARING: the curfew address no longer has consent'),
    }),
  ),
});

/** See courtHearingListSchema. */
export type CourtHearingList = z.output<typeof courtHearingListSchema>;

/** POST /api/responses (functions/proposals/answer-by-link.ts). */
export const linkAnswerResultSchema = z.object({ checkType: z.enum(checkTypes), status: z.enum(['RESPONDED', 'NEEDS_CONTACT']) });

/** See linkAnswerResultSchema. */
export type LinkAnswerResult = z.output<typeof linkAnswerResultSchema>;
