import { weekdayOf, type Weekday } from '#domain/calendar-date';
import { londonDate, londonWallTimeToUtc } from '#domain/london-time';
import { isFinal } from '#domain/statuses';
import { englandAndWales, nextWorkingDayAfter, workingDaysBefore, type BankHolidayCalendar } from '#domain/working-days';
import type { ListedProposal } from '#store/court-list';
import type { CheckItem, ProposalItem } from '#store/items';
import { agencyNamesOf, answerOutcomeLabel, checkTitle, isCheckOverdue, proposalHeadingOf, proposalStatusTags, residentOf, type Tag } from './labels.ts';
import { countersignReasons } from './proposal-lists.ts';
import { sortedChecks } from './proposal-sections.ts';

/**
 * The court team's morning check-in (issue 16, section 3): one page for the meeting, printable.
 * What it shows is what the team may see of its own proposals on "My proposals" and the queue:
 * names, courts, statuses and who each check waits for. Never an answer's summary or anything an
 * agency or resident wrote, never an address, never a senior probation officer's comment.
 */

/** When "since yesterday's meeting" starts: 5pm London time on the previous working day, the end of the team's working day. */
export const endOfWorkingDay = '17:00';

/** The days the meeting covers and where "since yesterday's meeting" starts, for a meeting at `now`. */
export function meetingDays(now: Date, calendar: BankHolidayCalendar = englandAndWales) {
  const today = londonDate(now);
  return {
    today,
    nextWorkingDay: nextWorkingDayAfter(today, calendar),
    since: londonWallTimeToUtc(workingDaysBefore(today, 1, calendar), endOfWorkingDay),
  };
}

const weekdayNames: Record<Weekday, string> = { MON: 'Monday', TUE: 'Tuesday', WED: 'Wednesday', THU: 'Thursday', FRI: 'Friday', SAT: 'Saturday', SUN: 'Sunday' };

/** A day as the meeting says it: "Friday", so nobody has to work out which day "4 December" is. */
export function weekdayName(date: string): string {
  return weekdayNames[weekdayOf(date)];
}

/** One check, in the meeting's words: done, or whom we are waiting on, and whether it is overdue. */
export interface CheckLine {
  title: string;
  tag: Tag;
  /** "Waiting for Wiltshire Police", "Waiting for Alex Resident (resident)"; empty when nothing is awaited. */
  waitingFor: string;
  overdue: boolean;
  dueAt?: string;
}

/** Who an open check waits for, by name: the force, the council's children's services, or the resident. */
export function awaitedParty(check: Pick<CheckItem, 'type' | 'residentId'>, proposal: Pick<ProposalItem, 'policeForce' | 'localAuthority' | 'residents'>): string {
  const agencies = agencyNamesOf(proposal);
  if (check.type === 'DOMESTIC_ABUSE') return agencies.police;
  if (check.type === 'CHILD_SAFEGUARDING') return `${agencies.council} children's services`;
  const resident = residentOf(proposal.residents, check.residentId);
  return resident === undefined ? 'an adult resident' : `${resident.fullName} (resident)`;
}

function checkLine(check: CheckItem, proposal: ProposalItem, now: Date): CheckLine {
  const title = checkTitle(check, proposal.residents);
  const who = awaitedParty(check, proposal);
  if (check.status === 'RESPONDED') return { title, tag: { text: 'Complete', classes: 'govuk-tag--green' }, waitingFor: '', overdue: false };
  if (check.status === 'CANCELLED') return { title, tag: { text: 'Stopped', classes: 'govuk-tag--grey' }, waitingFor: '', overdue: false };
  if (isFinal(proposal.status)) return { title, tag: { text: 'Not needed', classes: 'govuk-tag--grey' }, waitingFor: '', overdue: false };
  const overdue = isCheckOverdue(check, now);
  if (check.status === 'NEEDS_CONTACT') {
    return { title, tag: { text: overdue ? 'Overdue' : 'Asked to speak to someone', classes: overdue ? 'govuk-tag--red' : 'govuk-tag--orange' }, waitingFor: `${who} asked to speak to someone: the court officer to call them`, overdue, dueAt: check.dueAt };
  }
  return { title, tag: overdue ? { text: 'Overdue', classes: 'govuk-tag--red' } : { text: 'Outstanding', classes: 'govuk-tag--yellow' }, waitingFor: `Waiting for ${who}`, overdue, dueAt: check.dueAt };
}

function checksAtAGlance(total: number, outstanding: number, overdue: number): string {
  if (outstanding === 0) return 'Nothing outstanding';
  const checks = `${outstanding} of ${total} ${total === 1 ? 'check' : 'checks'} outstanding`;
  return overdue === 0 ? checks : `${checks}, ${overdue} overdue`;
}

/** What the proposal itself waits for once no check does. */
function proposalWaitsFor(proposal: ProposalItem): string {
  if (proposal.status === 'AWAITING_DECISION') return (proposal.returns ?? []).length > 0 ? 'Waiting for the court officer to decide again (sent back by the SPO)' : "Waiting for the court officer's decision";
  if (proposal.status === 'AWAITING_COUNTERSIGN') return "Waiting for the SPO's countersignature";
  return '';
}

function hearingRow({ proposal, checks }: ListedProposal, now: Date) {
  const lines = sortedChecks(checks).map((check) => checkLine(check, proposal, now));
  const outstanding = lines.filter((line) => line.waitingFor !== '');
  const overdueCount = outstanding.filter((line) => line.overdue).length;
  return {
    ...proposalHeadingOf(proposal),
    statusTag: proposalStatusTags[proposal.status],
    checks: lines,
    outstandingCount: outstanding.length,
    overdueCount,
    /** The card's line at a glance, for a meeting in a hurry: "2 of 3 checks outstanding, 2 overdue". */
    atAGlance: checksAtAGlance(lines.length, outstanding.length, overdueCount),
    proposalWaitsFor: proposalWaitsFor(proposal),
  };
}

export type HearingRow = ReturnType<typeof hearingRow>;

function byCourtThenName(a: ListedProposal, b: ListedProposal): number {
  return (
    a.proposal.courtCode.localeCompare(b.proposal.courtCode) ||
    a.proposal.defendant.familyName.localeCompare(b.proposal.defendant.familyName) ||
    a.proposal.defendant.givenName.localeCompare(b.proposal.defendant.givenName) ||
    a.proposal.proposalId.localeCompare(b.proposal.proposalId)
  );
}

/** An answer that arrived since yesterday's meeting: who answered, for whom, and its category (never its text). */
function arrivals(listed: readonly ListedProposal[], since: Date, now: Date) {
  return listed
    .flatMap(({ proposal, checks }) =>
      checks
        .filter((check) => check.respondedAt !== undefined && new Date(check.respondedAt) >= since && new Date(check.respondedAt) <= now)
        .map((check) => ({
          ...proposalHeadingOf(proposal),
          from: awaitedParty(check, proposal),
          check: checkTitle(check, proposal.residents),
          outcome: answerOutcomeLabel(check),
          respondedAt: check.respondedAt ?? '',
        })),
    )
    .sort((a, b) => a.respondedAt.localeCompare(b.respondedAt) || a.proposalId.localeCompare(b.proposalId));
}

/** What needs the senior probation officer: decisions to countersign, and decisions they sent back that the officer has not made again. */
function forTheSpo(listed: readonly ListedProposal[]) {
  const byHearing = [...listed].sort((a, b) => a.proposal.hearingDate.localeCompare(b.proposal.hearingDate) || byCourtThenName(a, b));
  return {
    countersign: byHearing
      .filter(({ proposal }) => proposal.status === 'AWAITING_COUNTERSIGN')
      .map((listedProposal) => ({
        ...proposalHeadingOf(listedProposal.proposal),
        decidedAt: listedProposal.proposal.decision?.at ?? '',
        reasons: countersignReasons(listedProposal),
      })),
    // The SPO's comment is not shown: it may quote an answer. The proposal page has it.
    sentBack: byHearing
      .filter(({ proposal }) => proposal.status === 'AWAITING_DECISION' && (proposal.returns ?? []).length > 0)
      .map(({ proposal }) => ({ ...proposalHeadingOf(proposal), sentBackAt: proposal.returns?.at(-1)?.countersignature.at ?? '' })),
  };
}

/**
 * The morning check-in for the team's courts at `now`: today's and the next working day's hearings
 * with a curfew proposal, each check's state and whom it waits on; what needs the SPO (any hearing
 * date the team's list covers); and the answers that arrived since 5pm on the previous working day.
 */
export function morningCheckInView(listed: readonly ListedProposal[], now: Date, calendar: BankHolidayCalendar = englandAndWales) {
  const { today, nextWorkingDay, since } = meetingDays(now, calendar);
  const heardOn = (date: string) => listed.filter(({ proposal }) => proposal.hearingDate === date).sort(byCourtThenName).map((item) => hearingRow(item, now));
  return {
    meetingDay: weekdayName(today),
    days: [
      { key: 'today', heading: `Today, ${weekdayName(today)}`, date: today, hearings: heardOn(today) },
      { key: 'next', heading: `Next working day, ${weekdayName(nextWorkingDay)}`, date: nextWorkingDay, hearings: heardOn(nextWorkingDay) },
    ],
    spo: forTheSpo(listed),
    since: since.toISOString(),
    sinceDay: weekdayName(londonDate(since)),
    arrivals: arrivals(listed, since, now),
  };
}

export type MorningCheckInView = ReturnType<typeof morningCheckInView>;
