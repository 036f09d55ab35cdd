import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeDueAt } from '#domain/deadlines';
import { reminderPoints } from '#domain/reminders';
import { setClockOffsetForTesting } from '#runtime/clock';
import { eventually, type ApiClient, type OutboxMessage } from '../support/api-client.ts';
import { addDays, todayInLondon } from '../support/dates.ts';
import { startFakeNotifyServer, type FakeNotifyServer } from '../support/fake-notify-server.ts';
import { consent, noInformation, notKnown, proposalBody } from '../support/proposals.ts';
import { requestsFor, startChecks, statusBecomes } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';

/**
 * Reminders and overdue notices, with the handlers' clock moved to just before each point instead
 * of waiting for days. Each move is followed by a restart, so the workflow replays and recomputes
 * its waits from the moved clock (also the "no duplicate on restart" case), however slow the
 * machine is. Messages go through a fake GOV.UK Notify, so what reaches each recipient is what
 * Notify was given, and a delivered message keeps no link (ADR 0013).
 */
const callbackBearerToken = `callback-${randomUUID()}`;
let fake: FakeNotifyServer;

// Before the stack starts, and stopped after it stops (hooks run as a stack).
beforeAll(async () => {
  fake = await startFakeNotifyServer();
});

afterAll(async () => {
  await fake?.stop();
});

// Started by the test, once the clock is where it starts the checks.
const local = useLocalStack(() => ({ deferStart: true, notify: { baseUrl: fake.url, apiKey: fake.key.apiKey, callbackBearerToken } }));
const api = local.sessionApi;

afterAll(() => {
  setClockOffsetForTesting(0);
});

type Entry = OutboxMessage & { deliveryStatus: string; notificationId?: string };

const messagesOf = async (api: ApiClient, proposalId: string): Promise<Entry[]> => ((await api.outbox()) as Entry[]).filter((message) => message.proposalId === proposalId);
const summary = (messages: OutboxMessage[]) => messages.map((message) => `${message.kind} ${message.checkType} ${message.to}`).sort();

/** The messages of a kind once `count` of them have been handed to Notify. */
function sentMessages(proposalId: string, kind: string, count: number, what: string): Promise<Entry[]> {
  return eventually(async () => {
    const found = (await messagesOf(api, proposalId)).filter((message) => message.kind === kind && message.deliveryStatus !== 'PENDING' && message.deliveryStatus !== 'SENDING');
    return found.length >= count ? found : undefined;
  }, what, 25_000).catch(async (error: unknown) => {
    throw new Error(`${String(error)}: ${JSON.stringify(summary(await messagesOf(api, proposalId)))}`);
  });
}

/** The link Notify was asked to deliver in a message: what its recipient would open. */
function deliveredLink(message: OutboxMessage | undefined): string {
  const link = fake.sendsWithReference(message?.id ?? 'none').find((send) => send.status === 201)?.body?.personalisation as { link?: string } | undefined;
  if (link?.link === undefined) throw new Error(`No link delivered in ${message?.id}`);
  return link.link;
}

/** Notify's receipt that a message reached its reader. */
async function receiptDelivered(message: Entry): Promise<void> {
  const at = new Date().toISOString();
  const body = { id: message.notificationId, reference: message.id, to: message.to, status: 'delivered', created_at: at, completed_at: at, sent_at: at, notification_type: 'email' };
  const response = await api.call('POST', '/notify/callback', { body, headers: { authorization: `Bearer ${callbackBearerToken}` } });
  expect(response.body).toEqual({ result: 'APPLIED' });
}

describe('chasing a check', () => {
  it('reminds with a new link that works after the first was delivered and forgotten (or expired), tells the officer and SPO when overdue, sends nothing for answered checks, and nothing twice', async () => {
    const hearingDate = addDays(todayInLondon(), 12);
    const dueAt = computeDueAt(hearingDate, 'SHORT_FORMAT');
    const firstReminder = reminderPoints(dueAt).find((point) => point.key === 'TWO_WORKING_DAYS_BEFORE');
    if (firstReminder === undefined) throw new Error('no reminder two working days before');

    // Prepare: the checks start 8 days before the first reminder (so the resident's 7-day link has
    // expired by then); children's services answer at once; the other two requests are delivered.
    const startedAt = new Date(firstReminder.at.getTime() - 8 * 24 * 3600_000);
    setClockOffsetForTesting(startedAt.getTime() - Date.now());
    await local.start();
    const proposalId = await startChecks(api, proposalBody({ hearingDate, today: todayInLondon(startedAt) }));
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.childrensServices.url ?? '', notKnown);
    for (const request of await sentMessages(proposalId, 'REQUEST', 3, 'three requests sent')) {
      if (request.checkType !== 'CHILD_SAFEGUARDING') await receiptDelivered(request);
    }
    const deliveredRequests = (await messagesOf(api, proposalId)).filter((message) => message.kind === 'REQUEST' && message.deliveryStatus === 'DELIVERED');
    expect(deliveredRequests.map((message) => message.url)).toEqual([undefined, undefined]);

    // Act: stop; it is now just before the first reminder; start again.
    setClockOffsetForTesting(firstReminder.at.getTime() - 2_000 - Date.now());
    await local.restart();

    // Assess: one reminder each for the unanswered checks, reaching the recipient with a new link that works; the old one does not.
    const reminders = await sentMessages(proposalId, 'REMINDER', 2, 'two reminders');
    expect(summary(reminders)).toEqual(['REMINDER DOMESTIC_ABUSE domestic-abuse-enquiries@wiltshire.police.example', 'REMINDER RESIDENT_CONSENT alex@example.org'].sort());
    const policeReminder = reminders.find((message) => message.checkType === 'DOMESTIC_ABUSE');
    const residentReminder = reminders.find((message) => message.checkType === 'RESIDENT_CONSENT');
    expect(deliveredLink(policeReminder)).not.toBe(requests.police.url);
    expect((await api.answer(requests.police.url ?? '', noInformation)).status).toBe(410);
    expect((await api.answer(requests.residents[0]?.url ?? '', consent)).status).toBe(410);

    // Act: stop; it is now just after the checks were due (a stop across the due-day reminder: only the overdue notices go); start again.
    setClockOffsetForTesting(dueAt.getTime() + 2_000 - Date.now());
    await local.restart();

    const overdue = await sentMessages(proposalId, 'OVERDUE', 4, 'overdue notices');
    expect(summary(overdue)).toEqual(
      [
        'OVERDUE DOMESTIC_ABUSE court.officer@probation.example',
        'OVERDUE DOMESTIC_ABUSE spo@probation.example',
        'OVERDUE RESIDENT_CONSENT court.officer@probation.example',
        'OVERDUE RESIDENT_CONSENT spo@probation.example',
      ].sort(),
    );

    // A late answer through the reminder's link still counts, and nothing more is sent.
    expect((await api.answer(deliveredLink(policeReminder), noInformation)).status).toBe(200);
    expect((await api.answer(deliveredLink(residentReminder), consent)).status).toBe(200);
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');
    const all = await messagesOf(api, proposalId);
    expect(summary(all.filter((message) => message.kind === 'REQUEST'))).toHaveLength(3);
    expect(all.filter((message) => message.kind === 'REMINDER')).toHaveLength(2);
    expect(all.filter((message) => message.kind === 'OVERDUE')).toHaveLength(4);
    expect(all.filter((message) => message.checkType === 'CHILD_SAFEGUARDING' && message.kind !== 'REQUEST')).toEqual([]);
    expect(all.every((message) => fake.sendsWithReference(message.id).filter((send) => send.status === 201).length === 1)).toBe(true);
  });
});
