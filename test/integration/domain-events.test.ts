import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalEventBridge, type DeliveredEvent, type LocalEventBridge } from '../../infra/local/event-bridge.ts';
import { domainEventSource } from '#schemas/domain-events';
import { eventSchemaValidator } from '../support/event-schema-validator.ts';
import { addDays } from '../support/dates.ts';
import { consent, informationHeld, notKnown, proposalBody, refusal } from '../support/proposals.ts';
import { requestsFor, startChecks, statusBecomes, viewOf } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';

/**
 * The domain events on the local stack (ADR 0027): written with each change, published from their
 * outbox by publish-domain-events (its role checked by the local EventBridge as IAM would), and
 * received by the bus as a subscriber would receive them. The bus is this file's, so its events
 * outlive a restart of the stack.
 */
let bus: LocalEventBridge;
beforeAll(async () => {
  bus = await startLocalEventBridge();
});
afterAll(async () => {
  await bus.close();
});
const local = useLocalStack(() => ({ eventBridge: bus, deferStart: true }));
const { api } = local;
const validate = eventSchemaValidator();

beforeAll(async () => {
  await local.start();
}, 120_000);

/** The stream is a moment behind: hand it everything now. A batch the bus refused fails the pass, as it fails the mapping's batch. */
async function drain(): Promise<void> {
  await local.stack.drainTableStream();
}

const eventsOf = (proposalId: string): DeliveredEvent[] => bus.events().filter((event) => event.detail['proposalId'] === proposalId);

/** The journey's words a person typed or that name someone: in the proposal, the answers and the decision. */
const personal = ['Sam', 'Example', '1990-04-01', '2001/0012345X', 'X123456', 'High Street', 'Swindon', 'SN1 1AA', 'Alex Resident', 'alex@example.org', 'DS Pat Quinn', 'Two call-outs', 'Chris Ward', 'Risk managed by curfew hours', 'Agreed, with the hours'];

async function answeredJourney(): Promise<string> {
  const proposalId = await startChecks(api, proposalBody());
  const requests = await requestsFor(api, proposalId, 3);
  await api.answer(requests.police.url ?? '', informationHeld);
  await api.answer(requests.childrensServices.url ?? '', notKnown);
  await api.answer(requests.residents[0]?.url ?? '', consent);
  await statusBecomes(api, proposalId, 'AWAITING_DECISION');
  return proposalId;
}

describe('domain events of a whole journey', () => {
  it('arrive at the bus in order, one per change, each valid against its JSON Schema, with nothing personal in them', async () => {
    const proposalId = await answeredJourney();
    // Refused: the officer cannot countersign their own decision, and nothing is published for it.
    const decided = await api.post<{ status: string }>(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Risk managed by curfew hours' }, 'court.officer');
    expect(decided.body.status).toBe('AWAITING_COUNTERSIGN');
    expect((await api.post(`/api/proposals/${proposalId}/countersign`, { agree: true, comment: 'Me again' }, 'court.officer')).status).toBe(403);
    expect((await api.post(`/api/proposals/${proposalId}/countersign`, { agree: true, comment: 'Agreed, with the hours' }, 'spo')).status).toBe(200);
    await drain();

    const events = eventsOf(proposalId);
    expect(events.map((event) => event['detail-type'])).toEqual(['ProposalStarted', 'CheckAnswered', 'CheckAnswered', 'CheckAnswered', 'ChecksAssessed', 'ProposalDecided', 'DecisionCountersigned']);
    expect(events.map((event) => [event['detail-type'], event.detail['status'] ?? event.detail['checkType']])).toEqual([
      ['ProposalStarted', 'CHECKS_IN_PROGRESS'],
      ['CheckAnswered', 'DOMESTIC_ABUSE'],
      ['CheckAnswered', 'CHILD_SAFEGUARDING'],
      ['CheckAnswered', 'RESIDENT_CONSENT'],
      ['ChecksAssessed', 'AWAITING_DECISION'],
      ['ProposalDecided', 'AWAITING_COUNTERSIGN'],
      ['DecisionCountersigned', 'SUITABLE'],
    ]);
    for (const event of events) {
      expect(validate(event['detail-type'], event), event['detail-type']).toEqual({ valid: true, errors: [] });
      expect(event.source).toBe(domainEventSource);
    }
    // In the order of the proposal's trail, each event once.
    const sequences = events.map((event) => Number(event.detail['sequence']));
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(events.map((event) => event.detail['eventId'])).size).toBe(events.length);
    expect(events[0]?.detail).toMatchObject({ courtCode: 'B01LY00', reportType: 'SHORT_FORMAT' });

    const text = JSON.stringify(events);
    for (const words of personal) expect(text, words).not.toContain(words);
    // No staff id either: the deciding officer's and the countersigner's are in the audit trail only.
    for (const staffId of ['"court.officer"', '"spo"', 'Casey Officer', 'Sam Senior']) expect(text, staffId).not.toContain(staffId);
  });

  it('publishes nothing for a refused change', async () => {
    const proposalId = await startChecks(api, proposalBody());
    await requestsFor(api, proposalId, 3);
    await drain();
    const before = eventsOf(proposalId).length;

    // Suitable before every check is answered: refused, with nothing written.
    const early = await api.post(`/api/proposals/${proposalId}/decision`, { outcome: 'SUITABLE', riskOfSeriousHarm: 'LOW', rationale: 'Too soon' }, 'court.officer');
    expect(early.status).toBe(409);
    await drain();
    expect(eventsOf(proposalId)).toHaveLength(before);

    // Withdrawn, then withdrawn again (refused: it is final): one ProposalWithdrawn.
    expect((await api.post(`/api/proposals/${proposalId}/withdraw`, { reason: 'Defendant remanded' }, 'court.officer')).status).toBe(200);
    expect((await api.post(`/api/proposals/${proposalId}/withdraw`, { reason: 'Twice' }, 'court.officer')).status).toBe(409);
    await drain();
    expect(eventsOf(proposalId).map((event) => event['detail-type'])).toEqual(['ProposalStarted', 'ProposalWithdrawn']);
    expect(JSON.stringify(eventsOf(proposalId))).not.toContain('remanded');
  });

  it('retries the entries the bus refused (FailedEntryCount), dropping none', async () => {
    bus.refuseNextEntries(1);
    const proposalId = await startChecks(api, proposalBody());
    // The first pass fails on the refused entry; the batch comes again.
    await drain().catch(() => undefined);
    await drain();
    expect(eventsOf(proposalId).map((event) => event['detail-type'])).toEqual(['ProposalStarted']);
  });
});

describe('the events of the other journeys', () => {
  it('an adjournment, a resident refusing, and another address: HearingAdjourned, ChecksAssessed and AddressChanged, each valid, nothing personal', async () => {
    const body = proposalBody();
    const proposalId = await startChecks(api, body);
    const requests = await requestsFor(api, proposalId, 3);
    const newDate = addDays(body.hearingDate, 14);
    expect((await api.post(`/api/proposals/${proposalId}/adjournment`, { hearingDate: newDate, cause: 'CHECKS_OUTSTANDING', note: 'Police answer promised for Monday' }, 'court.officer')).status).toBe(200);
    await api.answer(requests.residents[0]?.url ?? '', refusal);
    await statusBecomes(api, proposalId, 'UNSUITABLE');
    const newAddress = {
      address: { line1: '9 Other Road', town: 'Bath', postcode: 'BA1 1AA' },
      residents: [
        { fullName: 'Jo Parent', relationship: 'PARENT', email: 'jo@example.org', language: 'en' },
        { fullName: 'Kit Sibling', relationship: 'SIBLING', mobile: '07700900777', language: 'cy' },
      ],
      noOtherAdults: false,
      childrenDeclaredByDefendant: { any: false },
      policeForce: 'AVON_AND_SOMERSET',
      localAuthority: 'BATH_AND_NORTH_EAST_SOMERSET',
    };
    const created = await api.post<{ proposalId: string }>(`/api/proposals/${proposalId}/alternative-address`, newAddress, 'court.officer');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await drain();

    const first = eventsOf(proposalId);
    expect(first.map((event) => event['detail-type'])).toEqual(['ProposalStarted', 'HearingAdjourned', 'CheckAnswered', 'ChecksAssessed']);
    expect(first[1]?.detail).toMatchObject({ cause: 'CHECKS_OUTSTANDING', previousHearingDate: body.hearingDate, hearingDate: newDate });
    expect(first[3]?.detail).toMatchObject({ status: 'UNSUITABLE', consentNotGiven: true });
    const second = eventsOf(created.body.proposalId);
    expect(second.map((event) => event['detail-type'])).toEqual(['ProposalStarted', 'AddressChanged']);
    expect(second[1]?.detail).toMatchObject({ previousProposalId: proposalId, caseId: proposalId, version: 2 });
    for (const event of [...first, ...second]) expect(validate(event['detail-type'], event), event['detail-type']).toEqual({ valid: true, errors: [] });
    const text = JSON.stringify([...first, ...second]);
    for (const words of ['Police answer promised', 'Other Road', 'Bath', 'BA1 1AA', 'Jo Parent', 'jo@example.org', 'Kit Sibling', '07700900777', 'Alex Resident']) expect(text, words).not.toContain(words);
  });
});

describe('consent withdrawn', () => {
  it('through the officer before the hearing: ConsentWithdrawn with the resulting status, valid, naming no one', async () => {
    const proposalId = await answeredJourney();
    const checkId = (await viewOf(api, proposalId)).checks.find((check) => check.type === 'RESIDENT_CONSENT')?.checkId ?? '';
    expect((await api.post(`/api/proposals/${proposalId}/consent-withdrawals`, { checkId }, 'court.officer')).status).toBe(200);
    await drain();
    const withdrawn = eventsOf(proposalId).filter((event) => event['detail-type'] === 'ConsentWithdrawn');
    expect(withdrawn.map((event) => event.detail)).toEqual([expect.objectContaining({ checkId, via: 'OFFICER', afterHearing: false, status: 'UNSUITABLE' })]);
    expect(validate('ConsentWithdrawn', withdrawn[0])).toEqual({ valid: true, errors: [] });
    expect(JSON.stringify(withdrawn)).not.toMatch(/Alex|court\.officer|RESIDENT"/);
  });
});

describe('a restart in the middle', () => {
  it('publishes every event once per event id: those waiting when it stopped, and again one it published without marking', async () => {
    // Prepare: the bus is down while the journey starts, so its first events wait in the outbox.
    bus.failCalls(true);
    const proposalId = await startChecks(api, proposalBody());
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.police.url ?? '', informationHeld);
    await drain().catch(() => undefined);
    expect(eventsOf(proposalId)).toEqual([]);

    // Act: stop with events waiting, start again with the bus back.
    await local.restart();
    bus.failCalls(false);
    await drain();
    const beforeCrash = eventsOf(proposalId);
    expect(beforeCrash.map((event) => event['detail-type'])).toEqual(['ProposalStarted', 'CheckAnswered']);

    // A publisher that died after the bus accepted an event and before marking it (the crash
    // window): its item is PENDING again, as it would have stayed.
    const republished = String(beforeCrash[1]?.detail['eventId']);
    await local.table().send(
      new UpdateCommand({
        TableName: local.stack.tableName,
        Key: { pk: 'DOMAIN_EVENTS', sk: `EVENT#${republished}` },
        UpdateExpression: 'SET publishStatus = :pending REMOVE publishedAt',
        ExpressionAttributeValues: { ':pending': 'PENDING' },
      }),
    );
    await api.answer(requests.childrensServices.url ?? '', notKnown);
    await local.restart();
    await api.answer(requests.residents[0]?.url ?? '', consent);
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');
    await drain();

    // Assess: every change's event, each id once except the one sent again, which is the same event.
    const events = eventsOf(proposalId);
    const ids = events.map((event) => String(event.detail['eventId']));
    const distinct = [...new Set(ids)];
    expect(distinct.map((id) => events.find((event) => event.detail['eventId'] === id)?.['detail-type'])).toEqual(['ProposalStarted', 'CheckAnswered', 'CheckAnswered', 'CheckAnswered', 'ChecksAssessed']);
    expect(ids.filter((id) => id !== republished)).toEqual(distinct.filter((id) => id !== republished));
    const copies = events.filter((event) => event.detail['eventId'] === republished);
    expect(copies).toHaveLength(2);
    expect(copies[1]?.detail).toEqual(copies[0]?.detail);
  });
});
