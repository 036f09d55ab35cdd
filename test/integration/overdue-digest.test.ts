import { afterAll, describe, expect, it } from 'vitest';
import { computeDueAt } from '#domain/deadlines';
import { londonWallTimeToUtc } from '#domain/london-time';
import { setClockOffsetForTesting } from '#runtime/clock';
import { demoStaff } from '../../infra/local/demo-staff.ts';
import { addDays, todayInLondon } from '../support/dates.ts';
import { requestsFor, startChecks } from '../support/journeys.ts';
import { useLocalStack } from '../support/local-stack.ts';
import { notKnown, proposalBody } from '../support/proposals.ts';
import { signIn } from '../support/sign-in.ts';

interface DigestRow {
  id: string;
  kind: string;
  to: string;
  courtCode: string;
  date: string;
  url: string;
  overdue: { proposalId: string; checkType: string; hearingDate: string; dueAt: string }[];
}

// Sessions, not provider tokens: a session started at the moved clock stays valid there.
const { stack, sessionApi: api } = useLocalStack();

afterAll(() => {
  setClockOffsetForTesting(0);
});

async function digests(): Promise<DigestRow[]> {
  return (await api.outbox()).filter((message) => message.kind === 'DIGEST') as unknown as DigestRow[];
}

describe('the daily digest of overdue checks', () => {
  it("lists a court team's overdue checks once a day to its officers and SPOs, and nothing on a bank holiday", async () => {
    // Prepare: checks started two hours before they fall due; children's services answer in time.
    const hearingDate = addDays(todayInLondon(), 12);
    const dueAt = computeDueAt(hearingDate, 'SHORT_FORMAT');
    setClockOffsetForTesting(dueAt.getTime() - 2 * 3600_000 - Date.now());
    const proposalId = await startChecks(api, proposalBody({ hearingDate, today: todayInLondon(new Date(dueAt.getTime() - 2 * 3600_000)) }));
    const requests = await requestsFor(api, proposalId, 3);
    await api.answer(requests.childrensServices.url ?? '', notKnown);

    // Act: a minute past the due time (a working day, by construction), the schedule runs twice.
    setClockOffsetForTesting(dueAt.getTime() + 60_000 - Date.now());
    const first = await stack.runScheduledFunction('send-overdue-digest');
    const again = await stack.runScheduledFunction('send-overdue-digest');

    // Assess: one digest per officer and SPO of the court (not the sentencer, not another court's team).
    const team = demoStaff.filter((person) => person.courts.includes('B01LY00') && (person.role === 'COURT_OFFICER' || person.role === 'SENIOR_PROBATION_OFFICER')).map((person) => person.email);
    expect(team).toEqual(expect.arrayContaining(['court.officer@probation.example', 'spo@probation.example']));
    expect(first).toMatchObject({ workingDay: true, sent: team.length });
    expect(again).toMatchObject({ workingDay: true, sent: 0 });
    const sent = await digests();
    expect(sent.map((digest) => digest.to).sort()).toEqual([...team].sort());
    const [digest] = sent;
    expect(digest).toMatchObject({ courtCode: 'B01LY00', url: `${stack.url}/proposals` });
    expect(digest?.overdue.filter((line) => line.proposalId === proposalId).map((line) => line.checkType).sort()).toEqual(['DOMESTIC_ABUSE', 'RESIDENT_CONSENT']);
    // Ids and check types only: nothing the proposal says about the people in it.
    expect(JSON.stringify(sent)).not.toMatch(/Sam|Example|Alex|High Street|SN1 1AA|1990-04-01|X123456/);

    // A bank holiday (Christmas Day) sends nothing, whatever is overdue.
    setClockOffsetForTesting(londonWallTimeToUtc(`${hearingDate.slice(0, 4)}-12-25`, '07:30').getTime() - Date.now());
    expect(await stack.runScheduledFunction('send-overdue-digest')).toMatchObject({ workingDay: false, sent: 0 });
    expect(await digests()).toHaveLength(team.length);
  });
});

describe('the staff directory the notices use', () => {
  it('moves a senior probation officer between court teams when their courts change, and records people as they sign in', async () => {
    setClockOffsetForTesting(0);
    // Loaded now: the module reads the table name the stack has put in the environment.
    const { recordTeamMember, seniorProbationOfficerAddresses, teamOf } = await import('#store/staff-directory');
    const spo = { id: 'moving.spo', displayName: 'Moving SPO', role: 'SENIOR_PROBATION_OFFICER' as const, courts: ['B01LY00'], email: 'moving.spo@probation.example' };
    await recordTeamMember(spo, new Date());
    expect(await seniorProbationOfficerAddresses('B01LY00')).toContain(spo.email);

    await recordTeamMember({ ...spo, courts: ['C01CF00'] }, new Date());
    expect(await seniorProbationOfficerAddresses('B01LY00')).not.toContain(spo.email);
    expect(await seniorProbationOfficerAddresses('C01CF00')).toContain(spo.email);

    // Signing in refreshes the person's entry (the demo staff were written when the stack started).
    const before = (await teamOf('B01LY00')).find((member) => member.staffId === 'court.officer2');
    expect(before?.email).toBe('court.officer2@probation.example');
    await recordTeamMember({ id: 'court.officer2', displayName: 'Robin Officer', role: 'COURT_OFFICER', courts: ['B01LY00'], email: 'old.address@probation.example' }, new Date());
    await signIn(stack.url, 'court.officer2');
    expect((await teamOf('B01LY00')).find((member) => member.staffId === 'court.officer2')?.email).toBe('court.officer2@probation.example');
  });
});
