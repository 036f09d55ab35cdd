import { addDays } from '#domain/calendar-date';
import { isCurrentVersion } from '#domain/case-versions';
import { now } from '#runtime/clock';
import { NotFoundError } from '#runtime/errors';
import { worksAtCourt, type StaffUser } from '#auth/staff';
import { readCourtList, type ListedProposal } from '#store/court-list';
import { appendCourtListView } from '#store/transactions';

/** Days before today still listed (hearings adjourned or just past) and days ahead. */
export const listWindow = { daysBefore: 14, daysAfter: 60 } as const;

/**
 * "My proposals" lists decided proposals too, so it looks further back: a proposal decided or
 * withdrawn stays there for three months after its hearing. Still one bounded query per court.
 */
export const myProposalsWindow = { daysBefore: 92, daysAfter: listWindow.daysAfter } as const;

/**
 * Lists show each case's current version only (another address, ADR 0026): a proposal replaced by
 * another address is reached from the one that replaced it, which says what became of it.
 */
function currentVersions(listed: readonly ListedProposal[]): ListedProposal[] {
  return listed.filter(({ proposal }) => isCurrentVersion(proposal));
}

/** One court's list for one hearing date. */
export async function proposalsAtHearing(courtCode: string, date: string): Promise<ListedProposal[]> {
  return currentVersions(await readCourtList(courtCode, date, date));
}

/** Every proposal of the given courts with a hearing from `daysBefore` days ago to `daysAfter` days ahead, by hearing date. */
export async function proposalsOfCourts(courts: readonly string[], today: string, window: { daysBefore: number; daysAfter: number } = listWindow): Promise<ListedProposal[]> {
  const perCourt = await Promise.all(courts.map((court) => readCourtList(court, addDays(today, -window.daysBefore), addDays(today, window.daysAfter))));
  return currentVersions(perCourt.flat())
    .sort((a, b) => a.proposal.hearingDate.localeCompare(b.proposal.hearingDate) || a.proposal.defendant.familyName.localeCompare(b.proposal.defendant.familyName));
}

/**
 * A court list for one court and day. Each listing is a disclosure to the court, audited as one
 * record naming every proposal shown, on that list's own chain (each proposal's export reads it).
 */
export async function courtListFor(user: StaffUser, courtCode: string, date: string): Promise<ListedProposal[]> {
  if (!worksAtCourt(user, courtCode)) {
    throw new NotFoundError('No such court list');
  }
  const listed = (await proposalsAtHearing(courtCode, date)).sort(
    (a, b) => a.proposal.defendant.familyName.localeCompare(b.proposal.defendant.familyName) || a.proposal.proposalId.localeCompare(b.proposal.proposalId),
  );
  const at = now();
  // An empty list disclosed nothing.
  if (listed.length > 0) {
    await appendCourtListView({ action: 'COURT_LIST_VIEWED', actor: user.id, at, courtCode, hearingDate: date, shown: listed.map(({ proposal }) => proposal.proposalId) });
  }
  return listed;
}
