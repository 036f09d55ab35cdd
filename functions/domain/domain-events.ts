import { domainEventSchemas, type DomainEventFacts, type DomainEventType } from '#schemas/domain-events';

/**
 * Which audit actions are domain events other systems hear about (ADR 0027), and what each event
 * carries. Every change already writes its audit entry in the same transaction as the change
 * (`writeAtomically`), so the events come from there: no use case names an event, and a new
 * action is published as soon as it is listed here. Each maker picks named fields only (ids,
 * codes, dates, statuses, counts) and never copies the entry: a reason typed by a person, the
 * actor (a staff id) or anything added to an audit entry later cannot reach an event unless it is
 * picked here, and the event's strict schema refuses it even then.
 */

/** An audit entry as `writeAtomically` is given it, its time as an ISO instant. */
export interface AuditedChange {
  readonly proposalId: string;
  readonly action: string;
  readonly at: string;
  readonly checkId?: string;
  readonly [field: string]: unknown;
}

/** One event to write beside the change: its type and the facts of its detail. */
export interface DomainEventOf<Type extends DomainEventType = DomainEventType> {
  readonly type: Type;
  readonly facts: DomainEventFacts<Type>;
}

type Maker = (change: AuditedChange) => DomainEventOf;

const event = <Type extends DomainEventType>(type: Type, change: AuditedChange, fields: Record<string, unknown>): DomainEventOf =>
  ({ type, facts: { eventVersion: 1, occurredAt: change.at, proposalId: change.proposalId, ...fields } }) as unknown as DomainEventOf<Type>;

/** The named fields of an entry that are present (an absent optional field stays absent). */
const pick = (change: AuditedChange, ...names: string[]): Record<string, unknown> =>
  Object.fromEntries(names.filter((name) => change[name] !== undefined).map((name) => [name, change[name]]));

const checkAnswered: Maker = (change) =>
  event('CheckAnswered', change, { ...pick(change, 'checkId', 'checkType'), checkStatus: change.action === 'RESIDENT_ASKED_TO_SPEAK' ? 'NEEDS_CONTACT' : 'RESPONDED' });

const decided: Maker = (change) => event('ProposalDecided', change, { outcome: change.action === 'DECISION_SUITABLE' ? 'SUITABLE' : 'UNSUITABLE', ...pick(change, 'status') });

const countersigned: Maker = (change) => event('DecisionCountersigned', change, { agreed: change.action === 'COUNTERSIGNED', ...pick(change, 'status') });

/** By audit action. An action not listed (views, reminders, links sent, exports…) is not an event. */
export const domainEventMakers: Readonly<Record<string, Maker>> = {
  PROPOSAL_CREATED: (change) => event('ProposalStarted', change, { status: 'CHECKS_IN_PROGRESS', ...pick(change, 'courtCode', 'hearingDate', 'reportType') }),
  CHECK_ANSWERED: checkAnswered,
  RESIDENT_ASKED_TO_SPEAK: checkAnswered,
  // An officer recorded a resident's consent again, after the checks were complete (record-consent-again.ts).
  CONSENT_RECORDED_AGAIN: (change) => event('CheckAnswered', change, { ...pick(change, 'checkId'), checkType: 'RESIDENT_CONSENT', checkStatus: 'RESPONDED' }),
  // The workflow found every check answered, or a resident refused (by link, or as an officer recorded again).
  CHECKS_COMPLETE: (change) => event('ChecksAssessed', change, { status: 'AWAITING_DECISION', consentNotGiven: false }),
  CONSENT_NOT_GIVEN: (change) => event('ChecksAssessed', change, { status: 'UNSUITABLE', consentNotGiven: true }),
  DECISION_SUITABLE: decided,
  DECISION_UNSUITABLE: decided,
  COUNTERSIGNED: countersigned,
  COUNTERSIGNATURE_REFUSED: countersigned,
  PROPOSAL_WITHDRAWN: (change) => event('ProposalWithdrawn', change, { status: 'WITHDRAWN' }),
  HEARING_ADJOURNED: (change) => event('HearingAdjourned', change, pick(change, 'cause', 'previousHearingDate', 'hearingDate', 'status')),
  // On the new proposal's trail; its old proposal's REPLACED_BY_ALTERNATIVE_ADDRESS says the same from the other side.
  ALTERNATIVE_ADDRESS_PROPOSED: (change) => event('AddressChanged', change, pick(change, 'previousProposalId', 'caseId', 'version', 'status')),
  CONSENT_WITHDRAWN: (change) => event('ConsentWithdrawn', change, pick(change, 'checkId', 'via', 'afterHearing', 'status')),
  HEARING_OUTCOME_RECORDED: (change) => event('HearingOutcomeRecorded', change, pick(change, 'outcome', 'checksUnanswered', 'hearingDate', 'status')),
};

/**
 * The event an audited change is, if any, checked against its schema. An entry that lacks what its
 * event needs is a programming error, and throws before anything is written: the change fails
 * loudly rather than land without its event (the outbox promises both or neither).
 */
export function domainEventOf(change: AuditedChange): DomainEventOf | undefined {
  const make = Object.hasOwn(domainEventMakers, change.action) ? domainEventMakers[change.action] : undefined;
  if (make === undefined) return undefined;
  const made = make(change);
  // eventId and sequence are the outbox's to add: check the rest with placeholders of the right shape.
  const parsed = domainEventSchemas[made.type].safeParse({ ...made.facts, eventId: '00000000-0000-4000-8000-000000000000', sequence: 1 });
  if (!parsed.success) {
    throw new Error(`The audit entry ${change.action} lacks what its event ${made.type} needs: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
  }
  return made;
}
