import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { domainEventOf } from '#domain/domain-events';
import { domainEventJsonSchema, domainEventSource, domainEventTypes, type DomainEventType } from '#schemas/domain-events';
import { eventSchemaValidator } from '../../support/event-schema-validator.ts';

const validate = eventSchemaValidator();
const proposalId = randomUUID();
const at = '2026-12-03T10:15:00.000Z';

/** One audit entry per event type, as the use cases write them. */
const examples: Record<DomainEventType, Record<string, unknown>> = {
  ProposalStarted: { action: 'PROPOSAL_CREATED', courtCode: 'B01LY00', hearingDate: '2026-12-17', reportType: 'SHORT_FORMAT' },
  CheckAnswered: { action: 'CHECK_ANSWERED', checkId: randomUUID(), checkType: 'CHILD_SAFEGUARDING' },
  ChecksAssessed: { action: 'CHECKS_COMPLETE' },
  ProposalDecided: { action: 'DECISION_SUITABLE', status: 'SUITABLE' },
  DecisionCountersigned: { action: 'COUNTERSIGNED', status: 'SUITABLE' },
  ProposalWithdrawn: { action: 'PROPOSAL_WITHDRAWN' },
  HearingAdjourned: { action: 'HEARING_ADJOURNED', cause: 'OTHER', previousHearingDate: '2026-12-17', hearingDate: '2027-01-14' },
  AddressChanged: { action: 'ALTERNATIVE_ADDRESS_PROPOSED', previousProposalId: randomUUID(), caseId: randomUUID(), version: 2, status: 'CHECKS_IN_PROGRESS' },
  ConsentWithdrawn: { action: 'CONSENT_WITHDRAWN', checkId: randomUUID(), via: 'OFFICER', afterHearing: false, status: 'UNSUITABLE' },
  HearingOutcomeRecorded: { action: 'HEARING_OUTCOME_RECORDED', outcome: 'ADJOURNED', checksUnanswered: 2 },
};

/** The event as EventBridge delivers it to a target: its envelope around our detail. */
function delivered(type: DomainEventType) {
  const made = domainEventOf({ proposalId, at, actor: 'WORKFLOW', ...examples[type] } as never);
  if (made === undefined) throw new Error(`${type}'s example is no event`);
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': made.type,
    source: domainEventSource,
    account: '000000000000',
    time: '2026-12-03T10:15:00Z',
    region: 'eu-west-2',
    resources: [],
    detail: { eventId: randomUUID(), sequence: 3, ...made.facts },
  };
}

describe('the JSON Schema of each domain event', () => {
  it.each(domainEventTypes)('%s is JSON Schema draft 4, as the EventBridge schema registry takes it (JSONSchemaDraft4)', (type) => {
    const schema = domainEventJsonSchema(type);
    expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
    expect(schema.title).toBe(type);
    // Keywords draft 4 does not have would be ignored by the registry's validators.
    expect(JSON.stringify(schema)).not.toMatch(/"(const|\$defs|examples|if|then|contentMediaType)":/);
  });

  it.each(domainEventTypes)('%s: the event made from its audit entry validates against it', (type) => {
    const event = delivered(type);
    expect(validate(type, event)).toEqual({ valid: true, errors: [] });
    expect(event['detail-type']).toBe(type);
  });

  it.each(domainEventTypes)('%s: refuses another type, a field it does not list, and a name in an id', (type) => {
    const event = delivered(type);
    const other = domainEventTypes.find((candidate) => candidate !== type) ?? type;
    expect(validate(other, event).valid).toBe(false);
    expect(validate(type, { ...event, detail: { ...event.detail, residentName: 'Alex Resident' } }).valid).toBe(false);
    expect(validate(type, { ...event, detail: { ...event.detail, proposalId: 'Alex Resident' } }).valid).toBe(false);
    expect(validate(type, { ...event, source: 'someone.else' }).valid).toBe(false);
  });
});
