import { afterAll, describe, expect, it } from 'vitest';
import { computeDueAt } from '#domain/deadlines';
import { reminderPoints } from '#domain/reminders';
import { setClockOffsetForTesting } from '#runtime/clock';
import { eventually, type ApiClient, type OutboxMessage } from '../support/api-client.ts';
import { addDays, todayInLondon } from '../support/dates.ts';
import { consent, noInformation, notKnown, proposalBody } from '../support/proposals.ts';
import { requestsFor, startChecks, statusBecomes } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';

/**
 * Reminders and overdue notices, with the handlers' clock moved to just before each point instead
 * of waiting for days. Each move is followed by a restart, so the workflow replays and recomputes
 * its waits from the moved clock (also the "no duplicate on restart" case), however slow the
 * machine is.
 */
// Started by the test, once the clock is where it starts the checks.
const local = useLocalStack({ deferStart: true });
const api = local.sessionApi;

afterAll(() => {
  setClockOffsetForTesting(0);
});

const messagesOf = async (api: ApiClient, proposalId: string): Promise<OutboxMessage[]> => (await api.outbox()).filter((message) => message.proposalId === proposalId);
const summary = (messages: OutboxMessage[]) => messages.map((message) => `${message.kind} ${message.checkType} ${message.to}`).sort();

describe('chasing a check', () => {
  it('reminds the recipient on the due day, tells the officer and SPO when overdue, sends nothing for answered checks, and nothing twice', async () => {
    const hearingDate = addDays(todayInLondon(), 12);
    const dueAt = computeDueAt(hearingDate, 'SHORT_FORMAT');
    const dueDayReminder = reminderPoints(dueAt).find((point) => point.key === 'DUE_DAY');
    if (dueDayReminder === undefined) throw new Error('no due-day reminder');

    // Prepare: the checks start an hour before the due-day reminder; children's services answer at once.
    setClockOffsetForTesting(dueDayReminder.at.getTime() - 3600_000 - Date.now());
    await local.start();
    const proposalId = await startChecks(api, proposalBody({ hearingDate, today: todayInLondon(new Date(dueDayReminder.at.getTime() - 3600_000)) }));
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.childrensServices.url ?? '', notKnown);

    // Act: stop; it is now just before the reminder; start again.
    setClockOffsetForTesting(dueDayReminder.at.getTime() - 2_000 - Date.now());
    await local.restart();

    // Assess: one reminder each for the unanswered checks, carrying the same link as the request.
    const reminders = await eventually(async () => {
      const found = (await messagesOf(api, proposalId)).filter((message) => message.kind === 'REMINDER');
      return found.length >= 2 ? found : undefined;
    }, 'two reminders', 25_000).catch(async (error: unknown) => {
      throw new Error(`${String(error)}: ${JSON.stringify(summary(await messagesOf(api, proposalId)))}`);
    });
    expect(summary(reminders)).toEqual(['REMINDER DOMESTIC_ABUSE domestic-abuse-enquiries@wiltshire.police.example', 'REMINDER RESIDENT_CONSENT alex@example.org'].sort());
    expect(reminders.find((message) => message.checkType === 'DOMESTIC_ABUSE')?.url).toBe(requests.police.url);

    // Act: stop; it is now just before the checks are due; start again.
    setClockOffsetForTesting(dueAt.getTime() - 2_000 - Date.now());
    await local.restart();

    const overdue = await eventually(async () => {
      const found = (await messagesOf(api, proposalId)).filter((message) => message.kind === 'OVERDUE');
      return found.length >= 4 ? found : undefined;
    }, 'overdue notices', 25_000);
    expect(summary(overdue)).toEqual(
      [
        'OVERDUE DOMESTIC_ABUSE court.officer@probation.example',
        'OVERDUE DOMESTIC_ABUSE spo@probation.example',
        'OVERDUE RESIDENT_CONSENT court.officer@probation.example',
        'OVERDUE RESIDENT_CONSENT spo@probation.example',
      ].sort(),
    );

    // A late answer still counts, and nothing more is sent.
    expect((await api.answer(requests.police.url ?? '', noInformation)).status).toBe(200);
    expect((await api.answer(requests.residents[0]?.url ?? '', consent)).status).toBe(200);
    await statusBecomes(api, proposalId, 'AWAITING_DECISION');
    const all = await messagesOf(api, proposalId);
    expect(summary(all.filter((message) => message.kind === 'REQUEST'))).toHaveLength(3);
    expect(all.filter((message) => message.kind === 'REMINDER')).toHaveLength(2);
    expect(all.filter((message) => message.kind === 'OVERDUE')).toHaveLength(4);
    expect(all.filter((message) => message.checkType === 'CHILD_SAFEGUARDING' && message.kind !== 'REQUEST')).toEqual([]);
  });
});
