import * as z from 'zod';
import { checkTypes, proposalStatuses } from '#domain/statuses';
import { reportTypes } from '#domain/report-types';

/**
 * The domain events other systems can subscribe to on the EventBridge bus (ADR 0027): one zod
 * schema per event's `detail`, from which the JSON Schema each is registered with (and validated
 * against in tests) is generated. Every field is an id, a code, a date, a status or a count, each
 * with a shape that free text cannot take (uuids, fixed patterns, enums), and every detail is
 * strict: a field not listed here is refused, so nothing a person typed, no name, address or
 * staff id can reach the bus (functions/domain/domain-events.ts picks the fields).
 */

/** Where our events come from, as EventBridge's `source`: a rule matches on it. */
export const domainEventSource = 'uk.gov.justice.curfew-checks';

const proposalId = z.uuid().describe('The proposal (one address proposed for one defendant), as the staff API names it');
const checkId = z.uuid().describe('One check of the proposal (the police, children\'s services or one resident)');
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('A calendar date, YYYY-MM-DD (Europe/London)');
const status = z.enum(proposalStatuses).describe("The proposal's status after the change");

/** What every event's detail has, whatever its type. */
const envelope = {
  eventId: z.uuid().describe('Unique per event: a consumer that sees the same id again (delivery is at least once) has seen this event'),
  eventVersion: z.literal(1).describe('The version of this detail type; a breaking change is a new version'),
  occurredAt: z.iso.datetime().describe('When the change was committed (UTC)'),
  sequence: z.number().int().min(1).describe("The change's number on the proposal's audit trail: order one proposal's events by it"),
  proposalId,
};

const detail = <Shape extends z.ZodRawShape>(description: string, shape: Shape) => z.strictObject({ ...envelope, ...shape }).describe(description);

export const domainEventSchemas = {
  ProposalStarted: detail('An officer started the safeguarding checks for a proposed curfew address', {
    status,
    courtCode: z.string().regex(/^[A-Z]\d{2}[A-Z]{2}\d{2}$/).describe('The court'),
    hearingDate: calendarDate,
    reportType: z.enum(reportTypes),
  }),
  CheckAnswered: detail('A check was answered: by its link, or recorded by an officer (a resident may instead ask to speak to someone first)', {
    checkId,
    checkType: z.enum(checkTypes),
    checkStatus: z.enum(['RESPONDED', 'NEEDS_CONTACT']).describe('NEEDS_CONTACT: the resident asked to speak to someone before answering'),
  }),
  ChecksAssessed: detail('Every check was answered (the proposal awaits the decision), or a resident did not consent (it is unsuitable at once)', {
    status: z.enum(['AWAITING_DECISION', 'UNSUITABLE']),
    consentNotGiven: z.boolean(),
  }),
  ProposalDecided: detail("The officer decided whether the address is suitable; a suitable decision may wait for a senior probation officer's countersignature", {
    outcome: z.enum(['SUITABLE', 'UNSUITABLE']),
    status,
  }),
  DecisionCountersigned: detail('A senior probation officer agreed with a suitable decision, or sent it back to the officer', {
    agreed: z.boolean(),
    status,
  }),
  ProposalWithdrawn: detail('The officer withdrew the proposal: its checks stopped', { status: z.literal('WITHDRAWN') }),
  HearingAdjourned: detail('The hearing moved to a new date', {
    cause: z.enum(['CHECKS_OUTSTANDING', 'OTHER']),
    previousHearingDate: calendarDate,
    hearingDate: calendarDate,
    status: status.optional(),
  }),
  AddressChanged: detail('The officer proposed another address for the same case: a new proposal, every check asked again', {
    previousProposalId: proposalId,
    caseId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).describe('The case both proposals are versions of'),
    version: z.number().int().min(1).describe("This proposal's version within the case"),
    status: status.optional(),
  }),
  ConsentWithdrawn: detail('A resident withdrew their consent, through their link or by telling the officer', {
    checkId,
    via: z.enum(['LINK', 'OFFICER']),
    afterHearing: z.boolean(),
    status,
  }),
  HearingOutcomeRecorded: detail('What the court did at the hearing', {
    outcome: z.enum(['CURFEW_IMPOSED', 'OTHER_SENTENCE', 'ADJOURNED']),
    checksUnanswered: z.number().int().min(0).describe('Checks with no answer when the outcome was recorded'),
    hearingDate: calendarDate.optional().describe('The hearing the outcome is of'),
    status: status.optional(),
  }),
} as const;

export type DomainEventType = keyof typeof domainEventSchemas;
export const domainEventTypes = Object.keys(domainEventSchemas) as DomainEventType[];

export type DomainEventDetail<Type extends DomainEventType = DomainEventType> = z.output<(typeof domainEventSchemas)[Type]>;

/** The detail without what the outbox adds as it writes the event (its id and its place on the trail). */
export type DomainEventFacts<Type extends DomainEventType = DomainEventType> = Omit<DomainEventDetail<Type>, 'eventId' | 'sequence'>;

/**
 * An event as EventBridge delivers it to a rule's target (the fields a consumer reads; EventBridge
 * adds `id`, `account`, `region`, `resources` and `version` of its own): the schema registry's
 * document for each event type, so code bindings and validation see the whole event.
 */
export function eventBridgeEventSchema(type: DomainEventType) {
  return z
    .looseObject({
      'detail-type': z.literal(type),
      source: z.literal(domainEventSource),
      time: z.iso.datetime(),
      detail: domainEventSchemas[type],
    })
    .describe(domainEventSchemas[type].description ?? type);
}

/**
 * The JSON Schema (draft 4, which EventBridge's schema registry accepts as `JSONSchemaDraft4`,
 * beside OpenAPI 3) of one event type as delivered.
 */
export function domainEventJsonSchema(type: DomainEventType): Record<string, unknown> {
  return { ...z.toJSONSchema(eventBridgeEventSchema(type), { target: 'draft-4', io: 'output' }), title: type };
}
