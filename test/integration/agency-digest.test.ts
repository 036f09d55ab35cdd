import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enquiryReference, type AgencyDigestLine } from '#domain/agency-digest';
import { computeDueAt } from '#domain/deadlines';
import { londonWallTimeToUtc } from '#domain/london-time';
import { reminderPoints } from '#domain/reminders';
import { isWorkingDay } from '#domain/working-days';
import { localTemplateIds } from '#notify/templates';
import { setClockOffsetForTesting } from '#runtime/clock';
import { eventually } from '../support/api-client.ts';
import { addDays, todayInLondon } from '../support/dates.ts';
import { startFakeNotifyServer, type FakeNotifyServer } from '../support/fake-notify-server.ts';
import { requestsFor, startChecks, viewOf, type ProposalViewBody } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { proposalBody } from '../support/proposals.ts';

interface AgencyDigestRow {
  id: string;
  kind: string;
  to: string;
  mailboxKey: string;
  date: string;
  enquiries: AgencyDigestLine[];
}

let fake: FakeNotifyServer;

// Before the stack starts, and stopped after it stops (hooks run as a stack).
beforeAll(async () => {
  fake = await startFakeNotifyServer();
});

afterAll(async () => {
  await fake?.stop();
});

// Through a fake GOV.UK Notify, so what reaches the mailbox is what Notify was given. Sessions, not
// provider tokens: a session started at the moved clock stays valid there.
const { stack, sessionApi: api } = useLocalStack(() => ({ notify: { baseUrl: fake.url, apiKey: fake.key.apiKey, callbackBearerToken: 'agency-digest-test' } }));

afterAll(() => {
  setClockOffsetForTesting(0);
});

const wiltshirePolice = 'domestic-abuse-enquiries@wiltshire.police.example';
const dorsetPolice = 'domestic-abuse-enquiries@dorset.police.example';

async function agencyDigests(): Promise<AgencyDigestRow[]> {
  return (await api.outbox()).filter((message) => message.kind === 'AGENCY_DIGEST') as unknown as AgencyDigestRow[];
}

function moveClockTo(at: Date): void {
  setClockOffsetForTesting(at.getTime() - Date.now());
}

const checkOf = (view: ProposalViewBody, type: string) => view.checks.find((check) => check.type === type) ?? { checkId: 'missing' };

/** The first day on or after `date` that is (or is not) a working day. */
function firstDay(date: string, working: boolean): string {
  let day = date;
  while (isWorkingDay(day) !== working) day = addDays(day, 1);
  return day;
}

describe("the agencies' morning digest", () => {
  it('sends each mailbox one message a working morning listing its enquiries from every court, once; nothing on a weekend or bank holiday; and replaces reminders when several wait', async () => {
    // Prepare: two courts' proposals go to Wiltshire Police, the first due a week before the second;
    // a third proposal, with the second's hearing, goes to Dorset Police, its only enquiry there.
    const soonHearing = addDays(todayInLondon(), 12);
    const laterHearing = addDays(soonHearing, 8);
    const soonDue = computeDueAt(soonHearing, 'SHORT_FORMAT');
    const laterDue = computeDueAt(laterHearing, 'SHORT_FORMAT');
    const startedAt = new Date(soonDue.getTime() - 2 * 3600_000);
    moveClockTo(startedAt);
    const today = todayInLondon(startedAt);
    const swindon = await startChecks(api, proposalBody({ hearingDate: soonHearing, today }));
    const cardiff = await startChecks(api, proposalBody({ hearingDate: laterHearing, today, courtCode: 'C01CF00' }), 'other.officer');
    const dorset = await startChecks(api, { ...proposalBody({ hearingDate: laterHearing, today }), policeForce: 'DORSET' });
    for (const proposalId of [swindon, cardiff, dorset]) await requestsFor(api, proposalId, 3);
    const swindonPolice = checkOf(await viewOf(api, swindon), 'DOMESTIC_ABUSE').checkId;
    const cardiffView = await viewOf(api, cardiff, 'other.officer');
    const dorsetView = await viewOf(api, dorset);

    // Act: a minute after the first proposal's checks fell due (a working day, by construction), the schedule runs twice.
    moveClockTo(new Date(soonDue.getTime() + 60_000));
    const first = await stack.runScheduledFunction('send-agency-digests');
    const again = await stack.runScheduledFunction('send-agency-digests');

    // Assess: one message per mailbox (Wiltshire Police, Swindon's children's services, Dorset Police), sent once.
    expect(first).toMatchObject({ workingDay: true, mailboxes: 3, sent: 3 });
    expect(again).toMatchObject({ workingDay: true, sent: 0 });
    const sent = await agencyDigests();
    expect(sent.map((digest) => digest.to).sort()).toEqual([dorsetPolice, wiltshirePolice, 'mash@swindon.council.example'].sort());
    const wiltshire = sent.find((digest) => digest.to === wiltshirePolice);
    expect(wiltshire?.id).toBe(`AGENCY_DIGEST#${todayInLondon(soonDue)}#POLICE.WILTSHIRE`);
    // Both courts' enquiries, soonest due first, by the reference the agency's request carried: the first overdue, the second not yet.
    expect(wiltshire?.enquiries).toEqual([
      { reference: enquiryReference(swindonPolice), checkType: 'DOMESTIC_ABUSE', courtCode: 'B01LY00', dueAt: soonDue.toISOString(), overdue: true },
      { reference: enquiryReference(checkOf(cardiffView, 'DOMESTIC_ABUSE').checkId), checkType: 'DOMESTIC_ABUSE', courtCode: 'C01CF00', dueAt: laterDue.toISOString(), overdue: false },
    ]);
    // What reaches the mailbox through Notify: its template, both references, which is overdue, and each court's team to contact.
    const delivered = await eventually(async () => fake.sendsWithReference(wiltshire?.id ?? 'none').find((send) => send.status === 201), 'the digest handed to Notify', 25_000);
    expect(delivered.body).toMatchObject({ template_id: localTemplateIds.AGENCY_DIGEST.AGENCY_EMAIL, email_address: wiltshirePolice, personalisation: { count: '2', overdue_count: '1' } });
    const text = String((delivered.body?.personalisation as Record<string, unknown> | undefined)?.['enquiries']);
    expect(text).toContain(`${enquiryReference(swindonPolice)}: domestic abuse enquiry from Swindon Magistrates' Court, OVERDUE, was due`);
    expect(text).toContain('swindon.court.team@probation.example');
    expect(text).toContain(`${enquiryReference(checkOf(cardiffView, 'DOMESTIC_ABUSE').checkId)}: domestic abuse enquiry from Cardiff Magistrates' Court, due`);
    expect(text).toContain('cardiff.court.team@probation.example');
    expect(JSON.stringify(delivered.body)).not.toMatch(/Sam|Example|Alex|High Street|SN1 1AA|1990-04-01|X123456|\/r\//);
    // References, types, courts and dates only: nothing the proposals say about the people in them.
    expect(JSON.stringify(sent)).not.toMatch(/Sam|Example|Alex|High Street|SN1 1AA|1990-04-01|X123456|2001\/0012345X/);

    // A weekend morning and a bank holiday (Christmas Day) send nothing, whatever is outstanding.
    const weekend = firstDay(addDays(todayInLondon(soonDue), 1), false);
    moveClockTo(londonWallTimeToUtc(weekend, '07:45'));
    expect(await stack.runScheduledFunction('send-agency-digests')).toMatchObject({ workingDay: false, sent: 0 });
    moveClockTo(londonWallTimeToUtc(`${soonHearing.slice(0, 4)}-12-25`, '07:45'));
    expect(await stack.runScheduledFunction('send-agency-digests')).toMatchObject({ workingDay: false, sent: 0 });
    expect(await agencyDigests()).toHaveLength(3);

    // Act: the second hearing's first reminder falls due. The workflow's own wait is days away in
    // real time, so its follow-up step's use case is run here, as the step would run it.
    const point = reminderPoints(laterDue).find((candidate) => candidate.key === 'TWO_WORKING_DAYS_BEFORE');
    if (point === undefined) throw new Error('no reminder two working days before');
    moveClockTo(new Date(point.at.getTime() + 1_000));
    const { followUpUnansweredCheck } = await import('#proposals/follow-up-unanswered-check');
    for (const view of [cardiffView, dorsetView]) {
      for (const check of view.checks) await followUpUnansweredCheck(view.proposalId, check.checkId);
    }

    // Assess: Wiltshire Police and Swindon's children's services each have two outstanding: their
    // digest replaces the reminders. Dorset Police has one: it is reminded. Residents always are.
    const reminders = (await api.outbox()).filter((message) => message.kind === 'REMINDER');
    expect(reminders.map((message) => `${message.proposalId === dorset ? 'dorset' : 'cardiff'} ${message.checkType}`).sort()).toEqual(
      ['cardiff RESIDENT_CONSENT', 'dorset DOMESTIC_ABUSE', 'dorset RESIDENT_CONSENT'].sort(),
    );
    expect(reminders.find((message) => message.checkType === 'DOMESTIC_ABUSE')?.to).toBe(dorsetPolice);
  });
});
