import { describe, expect, it } from 'vitest';
import { calendarFrom } from '#domain/working-days';
import { nextWorkingDayAfter } from '#domain/working-days';
import { meetingDays, morningCheckInView } from '#pages/staff/morning-check-in';
import { renderPage } from '#pages/render';
import type { ListedProposal } from '#store/court-list';
import { answeredChecks, check, proposal, restrictedSummary } from './staff-fixtures.ts';

/** Thursday 5 March 2026, 8:30am in London (GMT). */
const meeting = new Date('2026-03-05T08:30:00Z');
const noHolidays = calendarFrom([]);

function listed(id: string, overrides: Parameters<typeof proposal>[0], checks: ListedProposal['checks']): ListedProposal {
  return { proposal: proposal({ proposalId: id, ...overrides }), checks: checks.map((item) => ({ ...item, proposalId: id })) };
}

describe('the meeting days', () => {
  it('are today and the next working day, skipping a weekend and a bank holiday', () => {
    expect(nextWorkingDayAfter('2026-03-05', noHolidays)).toBe('2026-03-06');
    expect(nextWorkingDayAfter('2026-03-06', noHolidays)).toBe('2026-03-09');
    expect(nextWorkingDayAfter('2026-03-06', calendarFrom(['2026-03-09']))).toBe('2026-03-10');
  });

  it("start 'since yesterday' at 5pm London time on the previous working day (Friday for a Monday, in summer time too)", () => {
    expect(meetingDays(meeting, noHolidays).since.toISOString()).toBe('2026-03-04T17:00:00.000Z');
    expect(meetingDays(new Date('2026-03-09T08:30:00Z'), noHolidays).since.toISOString()).toBe('2026-03-06T17:00:00.000Z');
    expect(meetingDays(new Date('2026-06-16T07:30:00Z'), noHolidays).since.toISOString()).toBe('2026-06-15T16:00:00.000Z');
  });
});

describe('the morning check-in view', () => {
  const today = listed('today-1', { hearingDate: '2026-03-05', defendant: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '1990-04-01' } }, [
    check('DOMESTIC_ABUSE', { dueAt: '2026-03-04T17:00:00Z' }),
    check('CHILD_SAFEGUARDING', { status: 'RESPONDED', respondedAt: '2026-03-05T07:00:00Z', answer: { outcome: 'NOT_KNOWN', restricted: false, responder: { name: 'Chris Ward', role: 'MASH', organisation: 'Swindon Borough Council' } } }),
    check('RESIDENT_CONSENT', { residentId: 'r1', dueAt: '2026-03-05T17:00:00Z' }),
  ]);
  const tomorrow = listed('next-1', { hearingDate: '2026-03-06', status: 'AWAITING_COUNTERSIGN', defendant: { givenName: 'Jo', familyName: 'Other', dateOfBirth: '1990-04-01' } }, answeredChecks());
  const later = listed('later-1', { hearingDate: '2026-03-20', status: 'AWAITING_DECISION', returns: [{ decision: { by: 'court.officer', at: '2026-03-03T10:00:00Z', outcome: 'SUITABLE', rationale: 'x' }, countersignature: { by: 'spo', at: '2026-03-04T18:00:00Z', agree: false, comment: 'The police said he was there last week' } }] }, [
    check('DOMESTIC_ABUSE', { status: 'RESPONDED', respondedAt: '2026-03-04T16:59:00Z', answer: { outcome: 'NO_INFORMATION', restricted: false, responder: { name: 'PC Lee', role: 'DAU', organisation: 'Wiltshire Police' } } }),
  ]);
  const view = morningCheckInView([later, tomorrow, today], meeting, noHolidays);

  it("lists today's and the next working day's hearings, and no other day's", () => {
    expect(view.days.map((day) => [day.heading, day.date, day.hearings.map((hearing) => hearing.proposalId)])).toEqual([
      ['Today, Thursday', '2026-03-05', ['today-1']],
      ['Next working day, Friday', '2026-03-06', ['next-1']],
    ]);
  });

  it('says of each check whether it is complete, or whom we are waiting on, and marks the overdue', () => {
    const [hearing] = view.days[0]?.hearings ?? [];
    expect(hearing?.checks.map((line) => [line.tag.text, line.waitingFor, line.overdue])).toEqual([
      ['Overdue', 'Waiting for Wiltshire Police', true],
      ['Complete', '', false],
      ['Outstanding', 'Waiting for Alex Resident (resident)', false],
    ]);
    expect([hearing?.outstandingCount, hearing?.overdueCount, hearing?.atAGlance]).toEqual([2, 1, '2 of 3 checks outstanding, 1 overdue']);
    expect(view.days[1]?.hearings[0]?.atAGlance).toBe('Nothing outstanding');
  });

  it('shows what needs the SPO: decisions to countersign with why, and decisions sent back, without the comment', () => {
    expect(view.spo.countersign.map((row) => [row.proposalId, row.reasons])).toEqual([['next-1', ['The police hold information']]]);
    expect(view.spo.sentBack.map((row) => [row.proposalId, row.sentBackAt])).toEqual([['later-1', '2026-03-04T18:00:00Z']]);
    expect(JSON.stringify(view)).not.toContain('he was there last week');
  });

  it('lists the answers that came in since 5pm yesterday, of any hearing date, and not one a minute before', () => {
    expect(view.arrivals.map((row) => [row.proposalId, row.from, row.outcome])).toEqual([["today-1", "Swindon children's services", "Not known to children's services"]]);
  });

  it('never carries restricted text, what anyone wrote, or an address', () => {
    const withAnswersToday = morningCheckInView([listed('all-answered', { hearingDate: '2026-03-05' }, answeredChecks().map((item) => ({ ...item, respondedAt: '2026-03-05T07:00:00Z' })))], meeting, noHolidays);
    const json = JSON.stringify([view, withAnswersToday]);
    for (const telltale of [restrictedSummary, 'High Street', 'SN1 1AA', 'alex@example.org', 'DS Pat Quinn', 'Chris Ward']) {
      expect(json).not.toContain(telltale);
    }
    expect(withAnswersToday.arrivals.map((row) => row.outcome)).toEqual(['Information held', "Not known to children's services", 'Consent given']);
  });

  it('renders each hearing and the print link hidden until the script shows it', () => {
    const response = renderPage('staff/morning-check-in.njk', { navigation: [], view });
    const html = response.body ?? '';
    expect(html).toContain('Waiting for Wiltshire Police');
    expect(html).toMatch(/data-qa="print-link" hidden/);
    expect(html).not.toContain(restrictedSummary);
  });
});
