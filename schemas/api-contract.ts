import * as z from 'zod';
import { childSafeguardingAnswerSchema, domesticAbuseAnswerSchema, linkTokenBodySchema, residentAnswerSchema } from './answers';
import { auditTrailExportSchema, courtHearingListSchema, createdProposalSchema, linkAnswerResultSchema, proposalViewSchema } from './api-responses';
import { alternativeAddressInputSchema, proposalInputSchema, residentContactSchema } from './proposal';
import { adjournmentSchema, consentWithdrawalSchema, countersignSchema, courtHearingPathSchema, decisionSchema, hearingOutcomeSchema, officerConsentSchema, resendLinkSchema, restrictedReasonSchema, withdrawSchema } from './staff-actions';

/**
 * The JSON API's contract: one entry per operation of every `/api/` route in the function registry
 * (the local stack's own `/api/dev/*` routes are not part of it), naming the very zod schemas its
 * use case validates the request with and the schemas its answer is typed by. schemas/openapi.ts
 * turns it into the OpenAPI document the API serves; test/unit/schemas/openapi.test.ts holds it to
 * the registry and to the use cases' schemas, and test/integration/journeys.test.ts holds real
 * requests and answers to the served document.
 */

/** A schema with the name it has under `components/schemas`. */
export interface NamedSchema {
  readonly name: string;
  readonly schema: z.ZodType;
}

/** Refusals an operation can answer, besides its success. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 429;

export type Caller =
  /** A staff member: a bearer access token, or the session cookie (with `x-csrf-token` on a POST). */
  | { readonly kind: 'staff'; readonly roles: readonly ('COURT_OFFICER' | 'SENIOR_PROBATION_OFFICER' | 'SENTENCER')[] }
  /** The holder of a link: the link's token in the body, no account. */
  | { readonly kind: 'link' }
  /** Anyone, without signing in. */
  | { readonly kind: 'public' };

export interface ApiOperation {
  readonly operationId: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly summary: string;
  readonly description: string;
  readonly caller: Caller;
  /** Every `{name}` of the path, with the schema the handler checks it against when it does. */
  readonly pathParameters?: Readonly<Record<string, { readonly description: string; readonly schema?: z.ZodType }>>;
  readonly headers?: Readonly<Record<string, { readonly description: string; readonly pattern: string }>>;
  /**
   * The request body: one schema, or (POST /api/responses) one of several answers, each sent with
   * the link token beside its fields (`withLinkToken`), as the handler reads it in two steps.
   */
  readonly requestBody?:
    | { readonly kind: 'schema'; readonly required: boolean; readonly named: NamedSchema }
    | { readonly kind: 'anyOfWithLinkToken'; readonly token: NamedSchema; readonly answers: readonly NamedSchema[] };
  readonly success: { readonly status: 200 | 201; readonly description: string; readonly named: NamedSchema };
  readonly errors: readonly ErrorStatus[];
}

const proposalView: NamedSchema = { name: 'ProposalView', schema: proposalViewSchema };
const proposalId = { proposalId: { description: 'The proposal, as POST /api/proposals answered it' } };
const officer = { kind: 'staff', roles: ['COURT_OFFICER'] } as const;
const officerOrSpo = { kind: 'staff', roles: ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER'] } as const;
/** A state-changing staff call: everything a body can get wrong, who may call, which proposal, and a conflict with its state. */
const staffPostErrors = [400, 401, 403, 404, 409, 413] as const;

/** The OpenAPI document itself, described loosely: it is validated as OpenAPI by its own test. */
export const openApiDocumentSchema = z.object({ openapi: z.literal('3.1.0'), info: z.object({ title: z.string(), version: z.string() }).loose(), paths: z.record(z.string(), z.unknown()) }).loose();

export const apiOperations: readonly ApiOperation[] = [
  {
    operationId: 'startChecks',
    method: 'POST',
    path: '/api/proposals',
    summary: 'Start the safeguarding checks for a proposed curfew address',
    description:
      "A court officer of the proposal's court. The police, children's services and each adult resident are asked at once; the workflow waits for their answers. The same validation as the start-checks page (date rules and the statutory curfew limits are checked too, and answered as 400).",
    caller: officer,
    headers: { 'Idempotency-Key': { description: 'Optional. The same key with the same body answers the same proposal (kept 7 days); with another body, 409 IDEMPOTENCY_KEY_REUSED.', pattern: '^[A-Za-z0-9_.:-]{1,200}$' } },
    requestBody: { kind: 'schema', required: true, named: { name: 'ProposalInput', schema: proposalInputSchema } },
    success: { status: 201, description: 'The checks were started', named: { name: 'CreatedProposal', schema: createdProposalSchema } },
    errors: [400, 401, 403, 409, 413],
  },
  {
    operationId: 'getProposal',
    method: 'GET',
    path: '/api/proposals/{proposalId}',
    summary: 'One proposal, its checks and its audit events',
    description:
      "A court officer or senior probation officer of the proposal's court; a proposal of another court answers 404, as one that does not exist. Restricted agency text is withheld (`summaryWithheld`). Every view is audited. No query parameters: a `reason` in the address is refused (400).",
    caller: officerOrSpo,
    pathParameters: proposalId,
    success: { status: 200, description: 'The proposal', named: proposalView },
    errors: [400, 401, 403, 404],
  },
  {
    operationId: 'getProposalWithRestricted',
    method: 'POST',
    path: '/api/proposals/{proposalId}/restricted',
    summary: 'One proposal with restricted agency text, for a reason',
    description: "A court officer or senior probation officer of the proposal's court. The reason is audited with the view (Data Protection Act 2018 s.62); a POST so that it is never in an address.",
    caller: officerOrSpo,
    pathParameters: proposalId,
    requestBody: { kind: 'schema', required: true, named: { name: 'RestrictedReason', schema: restrictedReasonSchema } },
    success: { status: 200, description: 'The proposal with restricted text shown', named: proposalView },
    errors: [400, 401, 403, 404, 413],
  },
  {
    operationId: 'exportAuditTrail',
    method: 'GET',
    path: '/api/proposals/{proposalId}/audit',
    summary: "Export a proposal's audit trail, with the verdict of its hash chain",
    description: "A court officer or senior probation officer of the proposal's court. Also the views of its hearing's court list that showed it. The export is itself audited.",
    caller: officerOrSpo,
    pathParameters: proposalId,
    success: { status: 200, description: 'The audit trail and its verification', named: { name: 'AuditTrailExport', schema: auditTrailExportSchema } },
    errors: [401, 403, 404],
  },
  {
    operationId: 'recordDecision',
    method: 'POST',
    path: '/api/proposals/{proposalId}/decision',
    summary: 'Record the suitability decision',
    description:
      "A court officer of the proposal's court. SUITABLE only once every check is answered (409 CHECKS_INCOMPLETE with the outstanding checks); it waits for a countersignature when the countersigning policy asks. UNSUITABLE at any time before a final decision (409 NOT_ALLOWED after one).",
    caller: officer,
    pathParameters: proposalId,
    requestBody: { kind: 'schema', required: true, named: { name: 'Decision', schema: decisionSchema } },
    success: { status: 200, description: 'The proposal after the decision', named: proposalView },
    errors: staffPostErrors,
  },
  {
    operationId: 'countersignDecision',
    method: 'POST',
    path: '/api/proposals/{proposalId}/countersign',
    summary: 'Countersign, or send back, a decision waiting for a countersignature',
    description: "A senior probation officer of the proposal's court who did not make the decision (403 otherwise). Disagreeing needs a comment and sends the decision back to the officer.",
    caller: { kind: 'staff', roles: ['SENIOR_PROBATION_OFFICER'] },
    pathParameters: proposalId,
    requestBody: { kind: 'schema', required: true, named: { name: 'Countersignature', schema: countersignSchema } },
    success: { status: 200, description: 'The proposal after the countersignature', named: proposalView },
    errors: staffPostErrors,
  },
  {
    operationId: 'withdrawProposal',
    method: 'POST',
    path: '/api/proposals/{proposalId}/withdraw',
    summary: 'Withdraw a proposal',
    description: "A court officer of the proposal's court. Open checks are cancelled (their links stop working) and the workflow stops; a proposal with a final decision answers 409.",
    caller: officer,
    pathParameters: proposalId,
    requestBody: { kind: 'schema', required: true, named: { name: 'Withdrawal', schema: withdrawSchema } },
    success: { status: 200, description: 'The withdrawn proposal', named: proposalView },
    errors: staffPostErrors,
  },
  {
    operationId: 'adjournHearing',
    method: 'POST',
    path: '/api/proposals/{proposalId}/adjournment',
    summary: 'Record that the hearing moved to a new date',
    description:
      "A court officer of the proposal's court. The new date must be a real date, not in the past and after the current hearing date (400 on hearingDate otherwise). Due dates, reminders, overdue notices, agency links and the court list follow it; an overdue check becomes due again when the new date allows. A withdrawn proposal, or one whose hearing outcome (a sentence) is recorded, answers 409. The note is kept on the proposal only.",
    caller: officer,
    pathParameters: proposalId,
    requestBody: { kind: 'schema', required: true, named: { name: 'Adjournment', schema: adjournmentSchema } },
    success: { status: 200, description: 'The proposal after the adjournment', named: proposalView },
    errors: staffPostErrors,
  },
  {
    operationId: 'recordHearingOutcome',
    method: 'POST',
    path: '/api/proposals/{proposalId}/outcome',
    summary: 'Record what the court decided at the hearing',
    description:
      "A court officer of the proposal's court, on or after the hearing date (409 before it, on a withdrawn proposal, or once a sentence is recorded). ADJOURNED needs the new hearingDate and the cause, and is recorded as an adjournment. CURFEW_IMPOSED is allowed with a check unanswered (the court decides); the performance view counts it.",
    caller: officer,
    pathParameters: proposalId,
    requestBody: { kind: 'schema', required: true, named: { name: 'HearingOutcome', schema: hearingOutcomeSchema } },
    success: { status: 200, description: 'The proposal after the outcome', named: proposalView },
    errors: staffPostErrors,
  },
  {
    operationId: 'proposeAlternativeAddress',
    method: 'POST',
    path: '/api/proposals/{proposalId}/alternative-address',
    summary: 'Propose another address for an unsuitable or withdrawn proposal',
    description:
      "A court officer of the proposal's court. A new proposal, the next version of the same case (`caseId`, `version`), with the hearing, report, conviction, defendant and curfew dates and hours carried over, and the new address, its residents, children, police force and local authority from the body; every check is asked again. The old proposal records the new one (`nextProposalId`). A proposal still being checked, or suitable, answers 409 NOT_ALLOWED; one already replaced answers 409 ALREADY_REPLACED with `nextProposalId` (of two requests at once, one makes the new version).",
    caller: officer,
    pathParameters: proposalId,
    headers: { 'Idempotency-Key': { description: 'Optional. The same key with the same body answers the same new proposal (kept 7 days); with another body, 409 IDEMPOTENCY_KEY_REUSED.', pattern: '^[A-Za-z0-9_.:-]{1,200}$' } },
    requestBody: { kind: 'schema', required: true, named: { name: 'AlternativeAddressInput', schema: alternativeAddressInputSchema } },
    success: { status: 201, description: 'The checks for the new address were started', named: { name: 'CreatedProposal', schema: createdProposalSchema } },
    errors: staffPostErrors,
  },
  {
    operationId: 'recordConsentWithdrawal',
    method: 'POST',
    path: '/api/proposals/{proposalId}/consent-withdrawals',
    summary: 'Record that a resident withdrew their consent',
    description:
      "A court officer of the proposal's court, naming the resident's consent check. Before the hearing (London date) the proposal becomes UNSUITABLE (CONSENT_WITHDRAWN), one still in its checks ends as a refusal does, and the officer and SPOs are told; after it the status stays, the proposal is flagged (consentWithdrawal.afterHearing) and they are alerted. A check that is not a resident's of this proposal answers 404; no consent to withdraw, or already withdrawn, 409.",
    caller: officer,
    pathParameters: proposalId,
    requestBody: { kind: 'schema', required: true, named: { name: 'ConsentWithdrawal', schema: consentWithdrawalSchema } },
    success: { status: 200, description: 'The proposal after the withdrawal', named: proposalView },
    errors: staffPostErrors,
  },
  {
    operationId: 'recordResidentConsent',
    method: 'POST',
    path: '/api/proposals/{proposalId}/residents/{residentId}/consent',
    summary: "Record a resident's consent taken by phone or in person",
    description: "A court officer of the proposal's court. It answers that resident's check while it waits (409 once answered); an unknown resident answers 404.",
    caller: officer,
    pathParameters: { ...proposalId, residentId: { description: "The resident, from the proposal's `residents`" } },
    requestBody: { kind: 'schema', required: true, named: { name: 'OfficerConsent', schema: officerConsentSchema } },
    success: { status: 200, description: 'The proposal after the answer', named: proposalView },
    errors: staffPostErrors,
  },
  {
    operationId: 'resendLink',
    method: 'POST',
    path: '/api/proposals/{proposalId}/checks/{checkId}/resend',
    summary: "Send a waiting check's link again",
    description:
      "A court officer of the proposal's court. A new link goes to the same address and the old one stops working. The body may be empty; `resendCount` is the resends the caller saw, refused with 409 ALREADY_RESENT if another happened since. A check no longer waiting answers 409 NOT_WAITING; an unknown check 404.",
    caller: officer,
    pathParameters: { ...proposalId, checkId: { description: "The check, from the proposal's `checks`" } },
    requestBody: { kind: 'schema', required: false, named: { name: 'ResendLink', schema: resendLinkSchema } },
    success: { status: 200, description: 'The proposal after the resend', named: proposalView },
    errors: staffPostErrors,
  },
  {
    operationId: 'changeRecipient',
    method: 'POST',
    path: '/api/proposals/{proposalId}/residents/{residentId}/contact',
    summary: "Change a waiting resident's contact details",
    description: "A court officer of the proposal's court. The new details replace the old ones and a new link is sent there; agencies' addresses come from the directory. A proposal with a final decision answers 409; an unknown resident 404.",
    caller: officer,
    pathParameters: { ...proposalId, residentId: { description: "The resident, from the proposal's `residents`" } },
    requestBody: { kind: 'schema', required: true, named: { name: 'ResidentContact', schema: residentContactSchema } },
    success: { status: 200, description: 'The proposal after the change', named: proposalView },
    errors: staffPostErrors,
  },
  {
    operationId: 'answerThroughLink',
    method: 'POST',
    path: '/api/responses',
    summary: "Answer a check through its link (the police, children's services or a resident)",
    description:
      "No account: the link's token (the last part of the link in the message) is sent in the body beside the answer, whose shape depends on the check the token belongs to. An unknown token answers 404; a used, expired or withdrawn one 410; both with the same body. Rate limited per client (429).",
    caller: { kind: 'link' },
    requestBody: {
      kind: 'anyOfWithLinkToken',
      token: { name: 'LinkToken', schema: linkTokenBodySchema },
      answers: [
        { name: 'DomesticAbuseAnswer', schema: domesticAbuseAnswerSchema },
        { name: 'ChildSafeguardingAnswer', schema: childSafeguardingAnswerSchema },
        { name: 'ResidentAnswer', schema: residentAnswerSchema },
      ],
    },
    success: { status: 200, description: 'The answer was recorded', named: { name: 'LinkAnswerResult', schema: linkAnswerResultSchema } },
    errors: [400, 404, 410, 413, 429],
  },
  {
    operationId: 'listCourtHearing',
    method: 'GET',
    path: '/api/courts/{courtCode}/hearings/{date}',
    summary: "A court's list for one hearing date: each proposal's check completeness",
    description:
      'A sentencer, court officer or senior probation officer of that court (another court answers 404). Categories only: no answers, no free text, no restricted information. Each listing is audited as one disclosure.',
    caller: { kind: 'staff', roles: ['SENTENCER', 'COURT_OFFICER', 'SENIOR_PROBATION_OFFICER'] },
    pathParameters: {
      courtCode: { description: 'The court, like B01LY00', schema: courtHearingPathSchema.shape.courtCode },
      date: { description: 'The hearing date, YYYY-MM-DD', schema: courtHearingPathSchema.shape.date },
    },
    success: { status: 200, description: 'The court list', named: { name: 'CourtHearingList', schema: courtHearingListSchema } },
    errors: [400, 401, 403, 404],
  },
  {
    operationId: 'getOpenApiDocument',
    method: 'GET',
    path: '/api/openapi.json',
    summary: 'This document',
    description: 'Anyone, without signing in: it describes the API and holds no data.',
    caller: { kind: 'public' },
    success: { status: 200, description: 'The OpenAPI 3.1 document of the JSON API', named: { name: 'OpenApiDocument', schema: openApiDocumentSchema } },
    errors: [],
  },
];
