import { afterAll, describe, expect, it } from 'vitest';
import { computeDueAt } from '#domain/deadlines';
import { londonWallTimeToUtc } from '#domain/london-time';
import { counterNames, isoWeekOf, periodContaining } from '#domain/performance';
import { reminderPoints } from '#domain/reminders';
import { setClockOffsetForTesting } from '#runtime/clock';
import { apiClient, eventually, type ApiClient } from '../support/api-client.ts';
import { addDays, todayInLondon } from '../support/dates.ts';
import { consent, informationHeld, noInformation, notKnown, proposalBody } from '../support/proposals.ts';
import { executionStatus, requestsFor, startChecks, viewOf } from '../support/journeys.ts';
import { signIn } from '../support/sign-in.ts';
import { useLocalStack } from '../support/local-stack.ts';

/**
 * The hearing moves, and the court decides (ADR 0024), through the real API on the local stack,
 * with the handlers' clock moved (and the stack restarted, so the workflow recomputes its waits)
 * as the deadline and reminder tests do.
 */
const local = useLocalStack();
/**
 * Signed in like a browser, again after each move of the clock: a session begun at the moved clock
 * stays valid there (one begun before it has timed out), and the provider's tokens carry the real time.
 */
let api: ApiClient = apiClient('http://127.0.0.1:1', { auth: 'session' });

function moveClockTo(at: Date | 'now'): void {
  setClockOffsetForTesting(at === 'now' ? 0 : at.getTime() - Date.now());
  api = apiClient(local.stack.url, { auth: 'session' });
}

afterAll(() => {
  setClockOffsetForTesting(0);
});

interface View {
  hearingDate: string;
  status: string;
  adjournments: { previousHearingDate: string; hearingDate: string; cause: string; note?: string }[];
  hearingOutcome?: { outcome: string; checksUnanswered: number; hearingDate: string };
  checks: { checkId: string; type: string; status: string; dueAt: string; overdueAt?: string }[];
  events: { type: string }[];
}

const view = async (proposalId: string) => (await viewOf(api, proposalId)) as unknown as View;
const onList = async (date: string, proposalId: string) => {
  const list = await api.get<{ proposals: { proposalId: string; checks: Record<string, string>; adjournments: object[]; hearingOutcome?: string }[] }>(`/api/courts/B01LY00/hearings/${date}`, 'sentencer');
  expect(list.status).toBe(200);
  return list.body.proposals.find((proposal) => proposal.proposalId === proposalId);
};
const auditRecords = async (proposalId: string) => (await api.get<{ records: Record<string, unknown>[] }>(`/api/proposals/${proposalId}/audit`, 'court.officer')).body.records;
const counters = async (week: string) => {
  const { readCounters } = await import('#store/performance-counts');
  await local.stack.drainTableStream();
  const found = await readCounters(['B01LY00'], week as never, week as never);
  return (name: string) => found.reduce((sum, counter) => sum + (counter.counts[name] ?? 0), 0);
};
/** The P&Q CSV's row for one measure of the hearings table, as the SPO downloads it. */
async function csvRow(period: string, measure: string): Promise<string[] | undefined> {
  const response = await fetch(`${local.stack.url}/performance.csv?period=${period}&court=all`, { headers: { cookie: (await signIn(local.stack.url, 'spo')).cookie } });
  expect(response.status).toBe(200);
  const rows = (await response.text()).trim().split('\r\n').map((line) => line.slice(1, -1).split('","'));
  return rows.find((row) => row[2] === 'Adjournments and what the court decided' && row[3] === measure)?.slice(4);
}

describe('refusing an adjournment or an outcome', () => {
  it('refuses a date that is not real, in the past, the same, or earlier, a missing cause, and a withdrawn proposal, changing nothing', async () => {
    moveClockTo('now');
    const today = todayInLondon();
    const hearingDate = addDays(today, 14);
    const proposalId = await startChecks(api, proposalBody({ hearingDate }));
    await requestsFor(api, proposalId, 3);
    const before = await view(proposalId);

    const refusals: [object, string][] = [
      [{ hearingDate: '2026-02-30', cause: 'OTHER' }, 'hearingDate'],
      [{ hearingDate: '14/12/2026', cause: 'OTHER' }, 'hearingDate'],
      [{ hearingDate, cause: 'OTHER' }, 'hearingDate'],
      [{ hearingDate: addDays(today, -1), cause: 'OTHER' }, 'hearingDate'],
      [{ hearingDate: addDays(hearingDate, -2), cause: 'OTHER' }, 'hearingDate'],
      [{ hearingDate: addDays(hearingDate, 7) }, 'cause'],
      [{ hearingDate: addDays(hearingDate, 7), cause: 'BECAUSE' }, 'cause'],
      [{ hearingDate: addDays(hearingDate, 7), cause: 'OTHER', sentencer: 'x' }, 'sentencer'],
    ];
    for (const [body, field] of refusals) {
      const response = await api.post<{ error: string; fields: { path: string }[] }>(`/api/proposals/${proposalId}/adjournment`, body, 'court.officer');
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.fields.map((error) => error.path), JSON.stringify(body)).toContain(field);
    }
    // The outcome before the hearing day.
    const early = await api.post(`/api/proposals/${proposalId}/outcome`, { outcome: 'CURFEW_IMPOSED' }, 'court.officer');
    expect(early.status).toBe(409);
    // Adjourned without its date.
    const noDate = await api.post<{ fields: { path: string }[] }>(`/api/proposals/${proposalId}/outcome`, { outcome: 'ADJOURNED', cause: 'OTHER' }, 'court.officer');
    expect(noDate.status).toBe(400);
    expect(noDate.body.fields.map((error) => error.path)).toEqual(['hearingDate']);

    const after = await view(proposalId);
    expect({ ...after, events: [] }).toEqual({ ...before, events: [] });
    expect(after.events.map((event) => event.type)).not.toContain('HEARING_ADJOURNED');
    expect(await onList(hearingDate, proposalId)).toBeDefined();

    expect((await api.post(`/api/proposals/${proposalId}/withdraw`, { reason: 'No longer proposed' }, 'court.officer')).status).toBe(200);
    const withdrawn = await api.post<{ error: string }>(`/api/proposals/${proposalId}/adjournment`, { hearingDate: addDays(hearingDate, 7), cause: 'OTHER' }, 'court.officer');
    expect(withdrawn.status).toBe(409);
    expect((await view(proposalId)).hearingDate).toBe(hearingDate);
  });
});

describe('the hearing outcome', () => {
  it('records a curfew imposed with checks unanswered, once, counts it in the must-be-zero figure, and then the hearing cannot move', async () => {
    const hearingDate = addDays(todayInLondon(), 3);
    moveClockTo('now');
    const proposalId = await startChecks(api, proposalBody({ hearingDate }));
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.police.url ?? '', noInformation);
    const week = isoWeekOf(hearingDate);
    const countedBefore = await counters(week);
    const unansweredBefore = countedBefore(counterNames.curfewsImposedUnanswered);

    // The hearing day, after court.
    moveClockTo(londonWallTimeToUtc(hearingDate, '15:00'));
    const recorded = await api.post<View>(`/api/proposals/${proposalId}/outcome`, { outcome: 'CURFEW_IMPOSED' }, 'court.officer');
    expect(recorded.status).toBe(200);
    expect(recorded.body.hearingOutcome).toMatchObject({ outcome: 'CURFEW_IMPOSED', checksUnanswered: 2, hearingDate });

    expect((await api.post(`/api/proposals/${proposalId}/outcome`, { outcome: 'OTHER_SENTENCE' }, 'court.officer')).status).toBe(409);
    expect((await api.post(`/api/proposals/${proposalId}/adjournment`, { hearingDate: addDays(hearingDate, 7), cause: 'OTHER' }, 'court.officer')).status).toBe(409);
    expect((await view(proposalId)).hearingOutcome?.outcome).toBe('CURFEW_IMPOSED');
    expect(await onList(hearingDate, proposalId)).toMatchObject({ hearingOutcome: 'CURFEW_IMPOSED', adjournmentLikely: false });

    const record = (await auditRecords(proposalId)).find((entry) => entry.action === 'HEARING_OUTCOME_RECORDED');
    expect(record).toMatchObject({ actor: 'court.officer', outcome: 'CURFEW_IMPOSED', checksUnanswered: 2, hearingDate });

    const countedAfter = await counters(week);
    expect(countedAfter(counterNames.curfewsImposedUnanswered)).toBe(unansweredBefore + 1);
    // Shown as it is, however small: a safety figure, never "fewer than 5".
    const shown = await csvRow(periodContaining('quarter', hearingDate).value, 'Curfews imposed with a check unanswered (must be zero)');
    expect(shown).toEqual([String(countedAfter(counterNames.curfewsImposedUnanswered))]);
  });

  it('records "adjourned" as an adjournment to the new date, with both records in the trail', async () => {
    const hearingDate = addDays(todayInLondon(), 4);
    moveClockTo('now');
    const proposalId = await startChecks(api, proposalBody({ hearingDate }));
    await requestsFor(api, proposalId, 3);
    moveClockTo(londonWallTimeToUtc(hearingDate, '14:00'));
    const newDate = addDays(hearingDate, 21);

    const recorded = await api.post<View>(`/api/proposals/${proposalId}/outcome`, { outcome: 'ADJOURNED', hearingDate: newDate, cause: 'CHECKS_OUTSTANDING' }, 'court.officer');
    expect(recorded.status).toBe(200);
    expect(recorded.body.hearingDate).toBe(newDate);
    expect(recorded.body.hearingOutcome).toBeUndefined();
    expect(recorded.body.adjournments).toMatchObject([{ previousHearingDate: hearingDate, hearingDate: newDate, cause: 'CHECKS_OUTSTANDING' }]);
    const records = await auditRecords(proposalId);
    expect(records.filter((entry) => entry.action === 'HEARING_OUTCOME_RECORDED')).toMatchObject([{ outcome: 'ADJOURNED', checksUnanswered: 3, hearingDate }]);
    expect(records.filter((entry) => entry.action === 'HEARING_ADJOURNED')).toMatchObject([{ cause: 'CHECKS_OUTSTANDING', previousHearingDate: hearingDate, hearingDate: newDate }]);
    // Not before the new hearing day.
    expect((await api.post(`/api/proposals/${proposalId}/outcome`, { outcome: 'OTHER_SENTENCE' }, 'court.officer')).status).toBe(409);
  });
});

describe('what a sentence does to the checks still open', () => {
  it('another sentence cancels the open check, tells its recipient once, sends nothing later, refuses the old link and stops the workflow', async () => {
    // Prepare: the checks start an hour before they fall due; the police and children's services answer, the resident does not.
    const hearingDate = addDays(todayInLondon(), 3);
    const dueAt = computeDueAt(hearingDate, 'SHORT_FORMAT');
    moveClockTo(new Date(dueAt.getTime() - 3600_000));
    const proposalId = await startChecks(api, proposalBody({ hearingDate, today: todayInLondon(new Date(dueAt.getTime() - 3600_000)) }));
    const requests = await requestsFor(api, proposalId, 3);
    const resident = requests.residents[0];
    if (resident?.url === undefined) throw new Error('no resident request');
    await api.answer(requests.police.url ?? '', noInformation);
    await api.answer(requests.childrensServices.url ?? '', notKnown);
    const sentAbout = async (kind: string) => (await api.outbox()).filter((message) => message.proposalId === proposalId && message.kind === kind);

    // Act: the hearing day, after court: another sentence.
    moveClockTo(londonWallTimeToUtc(hearingDate, '15:00'));
    const recorded = await api.post<View>(`/api/proposals/${proposalId}/outcome`, { outcome: 'OTHER_SENTENCE' }, 'court.officer');

    // Assess: the open check is cancelled in the same write; the others keep their answers.
    expect(recorded.status).toBe(200);
    expect(recorded.body.hearingOutcome).toMatchObject({ outcome: 'OTHER_SENTENCE', checksUnanswered: 1, hearingDate });
    expect(Object.fromEntries(recorded.body.checks.map((check) => [check.type, check.status]))).toEqual({ DOMESTIC_ABUSE: 'RESPONDED', CHILD_SAFEGUARDING: 'RESPONDED', RESIDENT_CONSENT: 'CANCELLED' });
    const told = await sentAbout('NO_LONGER_NEEDED');
    expect(told.map((message) => message.to)).toEqual([resident.to]);
    expect((await api.answer(resident.url, consent)).status).toBe(410);
    await eventually(async () => ((await executionStatus(local.stack.stepFunctionsEndpoint, proposalId)) === 'ABORTED' ? true : undefined), 'the workflow to stop');

    // Past the due time and a day beyond (when an overdue check is chased again), across a restart: nothing more is sent.
    moveClockTo(new Date(dueAt.getTime() + 26 * 3600_000));
    await local.restart();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await sentAbout('REMINDER')).toEqual([]);
    expect(await sentAbout('OVERDUE')).toEqual([]);
    expect((await sentAbout('NO_LONGER_NEEDED')).map((message) => message.id)).toEqual(told.map((message) => message.id));
    expect((await view(proposalId)).checks.find((check) => check.type === 'RESIDENT_CONSENT')?.status).toBe('CANCELLED');
  });

  it('a curfew imposed keeps the check open and chased, and its late answer is shown to the officer as needing action', async () => {
    const hearingDate = addDays(todayInLondon(), 3);
    moveClockTo('now');
    const proposalId = await startChecks(api, proposalBody({ hearingDate }));
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.childrensServices.url ?? '', notKnown);
    for (const resident of requests.residents) await api.answer(resident.url ?? '', consent);

    moveClockTo(londonWallTimeToUtc(hearingDate, '15:00'));
    const recorded = await api.post<View>(`/api/proposals/${proposalId}/outcome`, { outcome: 'CURFEW_IMPOSED' }, 'court.officer');
    expect(recorded.status).toBe(200);
    expect(recorded.body.checks.find((check) => check.type === 'DOMESTIC_ABUSE')?.status).not.toBe('CANCELLED');
    expect(await executionStatus(local.stack.stepFunctionsEndpoint, proposalId)).toBe('RUNNING');
    const page = async () => ((await api.get<{ page?: string }>(`/proposals/${proposalId}`, 'court.officer')).body.page ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(await page()).not.toContain('was answered after the curfew was imposed');

    // The police answer later that day: the link still works, and what it says can change the curfew.
    moveClockTo(londonWallTimeToUtc(hearingDate, '17:00'));
    expect((await api.answer(requests.police.url ?? '', informationHeld)).status).toBe(200);
    expect((await api.outbox()).filter((message) => message.proposalId === proposalId && message.kind === 'NO_LONGER_NEEDED')).toEqual([]);
    const shown = await page();
    expect(shown).toContain('Action needed');
    expect(shown).toContain('Police domestic abuse enquiry was answered after the curfew was imposed');
    expect(shown).toContain('you must take the case back to court');
  });
});

describe('an adjournment', () => {
  it('moves every due date, reminder, overdue notice, agency link and the court list to the new date; an overdue check is due again; nothing is sent twice', async () => {
    // Prepare: the checks start an hour before they fall due; children's services answer at once.
    const hearingDate = addDays(todayInLondon(), 10);
    const dueAt = computeDueAt(hearingDate, 'SHORT_FORMAT');
    moveClockTo(new Date(dueAt.getTime() - 3600_000));
    const proposalId = await startChecks(api, proposalBody({ hearingDate, today: todayInLondon(new Date(dueAt.getTime() - 3600_000)) }));
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.childrensServices.url ?? '', notKnown);

    // The checks go overdue (a restart makes the workflow recompute its waits from the moved clock).
    moveClockTo(new Date(dueAt.getTime() + 2_000));
    await local.restart();
    await eventually(async () => ((await view(proposalId)).checks.filter((check) => check.status === 'OVERDUE').length === 2 ? true : undefined), 'two checks overdue', 25_000);
    const residentCheck = (await view(proposalId)).checks.find((check) => check.type === 'RESIDENT_CONSENT');
    const messagesAbout = async (kind: string, checkId = residentCheck?.checkId ?? '') => (await api.outbox()).filter((message) => message.proposalId === proposalId && message.kind === kind && message.id.split('#')[1] === checkId);
    await eventually(async () => ((await messagesAbout('OVERDUE')).length === 2 ? true : undefined), 'overdue notices', 25_000);
    expect(await onList(hearingDate, proposalId)).toBeDefined();
    const hearingWeekBefore = await counters(isoWeekOf(hearingDate));
    const newWeekBefore = await counters(isoWeekOf(addDays(hearingDate, 14)));

    // Act: the court adjourned because the checks were not back.
    const newDate = addDays(hearingDate, 14);
    const newDueAt = computeDueAt(newDate, 'SHORT_FORMAT');
    const adjourned = await api.post<View>(`/api/proposals/${proposalId}/adjournment`, { hearingDate: newDate, cause: 'CHECKS_OUTSTANDING', note: 'Police answer promised for Monday' }, 'court.officer');

    // Assess: the new date, the overdue checks due again, the answered one as it was.
    expect(adjourned.status).toBe(200);
    expect(adjourned.body.hearingDate).toBe(newDate);
    expect(adjourned.body.adjournments).toMatchObject([{ previousHearingDate: hearingDate, hearingDate: newDate, cause: 'CHECKS_OUTSTANDING', note: 'Police answer promised for Monday' }]);
    const byType = Object.fromEntries(adjourned.body.checks.map((check) => [check.type, check]));
    expect(byType.DOMESTIC_ABUSE).toMatchObject({ status: 'REQUESTED', dueAt: newDueAt.toISOString() });
    expect(byType.RESIDENT_CONSENT).toMatchObject({ status: 'REQUESTED', dueAt: newDueAt.toISOString() });
    expect(byType.DOMESTIC_ABUSE?.overdueAt).toBeUndefined();
    expect(byType.CHILD_SAFEGUARDING).toMatchObject({ status: 'RESPONDED', dueAt: dueAt.toISOString() });

    // The court list of each date. The old date's list showed it before (a disclosure its export still names).
    expect(await onList(hearingDate, proposalId)).toBeUndefined();
    expect(await onList(newDate, proposalId)).toMatchObject({
      checks: { domesticAbuse: 'OUTSTANDING', childSafeguarding: 'COMPLETE', residentConsent: 'OUTSTANDING' },
      adjournments: [{ previousHearingDate: hearingDate, hearingDate: newDate, cause: 'CHECKS_OUTSTANDING' }],
    });

    // The audit record: codes and dates, never the note.
    const record = (await auditRecords(proposalId)).find((entry) => entry.action === 'HEARING_ADJOURNED');
    expect(record).toMatchObject({ actor: 'court.officer', cause: 'CHECKS_OUTSTANDING', previousHearingDate: hearingDate, hearingDate: newDate });
    expect(JSON.stringify(record)).not.toContain('Police answer');
    const exported = (await api.get<{ courtListViews: { hearingDate: string; records: object[] }; earlierCourtListViews: { hearingDate: string; verification: { valid: boolean }; records: { shown: string[] }[] }[] }>(`/api/proposals/${proposalId}/audit`, 'court.officer')).body;
    expect(exported.courtListViews.hearingDate).toBe(newDate);
    expect(exported.earlierCourtListViews).toMatchObject([{ hearingDate, verification: { valid: true } }]);
    expect(exported.earlierCourtListViews[0]?.records.length).toBeGreaterThanOrEqual(1);

    // P&Q: the adjourned hearing's week counts an adjournment the checks caused; the new week one more hearing.
    const hearingWeekAfter = await counters(isoWeekOf(hearingDate));
    const newWeekAfter = await counters(isoWeekOf(newDate));
    expect(hearingWeekAfter(counterNames.adjourned)).toBe(hearingWeekBefore(counterNames.adjourned) + 1);
    expect(hearingWeekAfter(counterNames.adjournedForChecks)).toBe(hearingWeekBefore(counterNames.adjournedForChecks) + 1);
    expect(newWeekAfter(counterNames.hearings)).toBe(newWeekBefore(counterNames.hearings) + 1);

    // The day after the old hearing, the police's link (which would have ended with that day) still works.
    moveClockTo(londonWallTimeToUtc(addDays(hearingDate, 1), '10:00'));
    expect((await api.answer(requests.police.url ?? '', noInformation)).status).toBe(200);

    // The new date's first reminder goes to the resident, once, across a restart.
    const firstReminder = reminderPoints(newDueAt)[0];
    if (firstReminder === undefined) throw new Error('no reminder point');
    moveClockTo(new Date(firstReminder.at.getTime() + 60_000));
    await local.restart();
    const reminders = await eventually(async () => {
      const found = await messagesAbout('REMINDER');
      return found.length >= 1 ? found : undefined;
    }, 'the reminder for the new date', 25_000);
    expect(reminders.map((message) => message.id)).toEqual([`REMINDER#${residentCheck?.checkId}#${firstReminder.key}#R1`]);
    await local.restart();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await messagesAbout('REMINDER')).toHaveLength(1);

    // Past the new due time: overdue again, and the officer and SPO are told again, once each.
    moveClockTo(new Date(newDueAt.getTime() + 2_000));
    await local.restart();
    const notices = await eventually(async () => {
      const found = await messagesAbout('OVERDUE');
      return found.length >= 4 ? found : undefined;
    }, 'overdue notices for the new date', 25_000);
    expect(notices.map((message) => message.id).sort()).toEqual(
      [`OVERDUE#${residentCheck?.checkId}#OFFICER`, `OVERDUE#${residentCheck?.checkId}#SPO1`, `OVERDUE#${residentCheck?.checkId}#OFFICER#R1`, `OVERDUE#${residentCheck?.checkId}#SPO1#R1`].sort(),
    );
    expect((await view(proposalId)).checks.find((check) => check.type === 'RESIDENT_CONSENT')?.status).toBe('OVERDUE');

    // A late answer still counts.
    const reminderLink = reminders[0]?.url ?? '';
    expect((await api.answer(reminderLink, consent)).status).toBe(200);
  });
});
