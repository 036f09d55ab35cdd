import type { ListedProposal } from '#store/court-list';
import type { ProposalItem } from '#store/items';
import type { FieldError } from '#schemas/field-error';
import { isFinal } from '#domain/statuses';
import { checkConcerns } from '#domain/check-rules';
import { conditionOfConcern, type ConditionId } from '#domain/countersigning-policy';
import { concernInWords, concernsInWords, countersigningConditionInWords, gradeInWords, riskOfSeriousHarmLabels } from './concern-labels.ts';
import { checkTitle, isCheckOverdue, isOpen, proposalHeadingOf, proposalStatusTags, waitingForName } from './labels.ts';
import { sortedChecks } from './proposal-sections.ts';
import { formErrors, noErrors, type FormErrors } from './form-errors.ts';
import { historyLineOf } from './case-versions.ts';

/** The "My proposals" filters: every proposal, the open ones, those waiting for the officer, the decided (or withdrawn) ones. */
export const proposalFilters = ['all', 'open', 'waiting', 'decided'] as const;
export type ProposalFilter = (typeof proposalFilters)[number];

export interface MyProposalsQuery {
  show: ProposalFilter;
  /** What the officer searched for: part of the defendant's name, their CRN or PNC number ('' for none). */
  search: string;
}

/** The longest search accepted: a full name or a case reference is far shorter. */
export const maxSearchLength = 100;

/**
 * The filters from the query string. Anything else is the officer's typing or a stale bookmark:
 * the page says what is wrong (400) rather than silently showing something else.
 */
export function myProposalsQuery(query: Record<string, string | undefined>): { query: MyProposalsQuery; errors: FormErrors } {
  const show = (query.show ?? '').trim() || 'all';
  const search = (query.search ?? '').trim();
  const problems: FieldError[] = [];
  if (!proposalFilters.includes(show as ProposalFilter)) problems.push({ path: 'show', message: 'Choose which proposals to show' });
  if (search.length > maxSearchLength) problems.push({ path: 'search', message: `Search must be ${maxSearchLength} characters or fewer` });
  return {
    query: { show: proposalFilters.includes(show as ProposalFilter) ? (show as ProposalFilter) : 'all', search: search.slice(0, maxSearchLength) },
    errors: problems.length === 0 ? noErrors : formErrors(problems, (path) => ({ slot: path, anchor: path === 'show' ? 'show' : 'search' })),
  };
}

/** Case and spacing do not matter: "o'brien", "O'Brien " and "x123456" find what they name. */
function normalised(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function matchesSearch(proposal: ProposalItem, search: string): boolean {
  if (search === '') return true;
  const wanted = normalised(search);
  const { givenName, familyName, crn, pnc } = proposal.defendant;
  return [`${givenName} ${familyName}`, `${familyName} ${givenName}`, crn ?? '', pnc ?? ''].some((text) => normalised(text).includes(wanted));
}

/** Something the court officer has to do now: record a decision, contact a resident who asked, or follow up an overdue check. */
function waitsForOfficer({ proposal, checks }: ListedProposal, now: Date): boolean {
  if (isFinal(proposal.status)) return false;
  return proposal.status === 'AWAITING_DECISION' || checks.some((check) => check.status === 'NEEDS_CONTACT' || isCheckOverdue(check, now));
}

function shown(show: ProposalFilter, listed: ListedProposal, now: Date): boolean {
  switch (show) {
    case 'all':
      return true;
    case 'open':
      return !isFinal(listed.proposal.status);
    case 'waiting':
      return waitsForOfficer(listed, now);
    case 'decided':
      return isFinal(listed.proposal.status);
  }
}

/** When a closed proposal was closed: its withdrawal, countersignature or decision, or its last change. */
function closedAt(proposal: ProposalItem): string {
  return proposal.withdrawal?.at ?? proposal.countersignature?.at ?? proposal.decision?.at ?? proposal.updatedAt;
}

/**
 * "My proposals": the court's proposals, newest first (by when the checks were started), open and
 * decided, filtered and searched as asked, each with what it waits for and whether anything is overdue.
 */
export function myProposalsView(listed: readonly ListedProposal[], now: Date, query: MyProposalsQuery = { show: 'all', search: '' }) {
  return listed
    .filter((item) => shown(query.show, item, now) && matchesSearch(item.proposal, query.search))
    .sort((a, b) => b.proposal.createdAt.localeCompare(a.proposal.createdAt) || a.proposal.proposalId.localeCompare(b.proposal.proposalId))
    .map(({ proposal, checks }) => {
      const open = sortedChecks(checks).filter(isOpen);
      const overdue = open.filter((check) => isCheckOverdue(check, now));
      const needsContact = open.filter((check) => check.status === 'NEEDS_CONTACT');
      const final = isFinal(proposal.status);
      return {
        ...proposalHeadingOf(proposal),
        caseReference: proposal.defendant.crn ?? proposal.defendant.pnc,
        /** "Second address: the first was unsuitable" (another address); undefined for a first address. */
        history: historyLineOf(proposal),
        startedAt: proposal.createdAt,
        statusTag: proposalStatusTags[proposal.status],
        closedAt: final ? closedAt(proposal) : undefined,
        waitingFor: final
          ? ''
          : open.length === 0
            ? proposal.status === 'AWAITING_DECISION'
              ? 'Waiting for: your decision'
              : proposal.status === 'AWAITING_COUNTERSIGN'
                ? 'Waiting for: countersignature'
                : ''
            : `Waiting for: ${open.map((check) => waitingForName(check, proposal.residents)).join(', ')}`,
        overdue: overdue.length > 0,
        overdueNames: overdue.map((check) => waitingForName(check, proposal.residents)).join(', '),
        needsContact: needsContact.length > 0,
      };
    });
}

/** The queue's reason for a decision made again after a senior probation officer sent one back. */
export const sentBackBefore = 'A senior probation officer sent an earlier decision back';

/** A condition's words without the full stop, as the queue lists reasons. */
const plainReason = (condition: ConditionId) => countersigningConditionInWords(condition).replace(/\.$/, '');

/** One stored condition as the queue words it: each concern under it by name, the level of risk, the author's grade. */
function conditionReasons(condition: ConditionId, { proposal, checks }: ListedProposal): string[] {
  const decision = proposal.decision;
  switch (condition) {
    case 'AGENCY_CONCERN':
    case 'CONSENT_MAY_NOT_BE_FREE': {
      const named = sortedChecks(checks).flatMap((check) =>
        checkConcerns(check)
          .filter((concern) => conditionOfConcern(concern) === condition)
          .map((concern) => concernInWords(concern, check, proposal.residents)),
      );
      return named.length > 0 ? named : [plainReason(condition)];
    }
    case 'SENT_BACK_BEFORE':
      return [sentBackBefore];
    case 'HIGH_RISK_OF_SERIOUS_HARM':
      return decision?.riskOfSeriousHarm === undefined ? [plainReason(condition)] : [`Risk of serious harm recorded as ${riskOfSeriousHarmLabels[decision.riskOfSeriousHarm].toLowerCase()}`];
    case 'AUTHOR_PSO_OR_TRAINEE':
      return decision?.authorGrade === undefined ? [plainReason(condition)] : [`Decided by ${gradeInWords[decision.authorGrade]}`];
  }
}

/**
 * Why a decision waits for a countersignature, so the senior probation officer can see it at a
 * glance: the conditions stored with the decision when it was made (ADR 0019: never the policy
 * now), each in words. A decision stored before the policy was kept as data has none: its reasons
 * are, as then, the concerns and a decision sent back before.
 */
export function countersignReasons(listed: ListedProposal): string[] {
  const { proposal, checks } = listed;
  const stored = proposal.decision?.countersigning?.conditions;
  if (stored === undefined) {
    return [...concernsInWords(sortedChecks(checks), proposal.residents), ...((proposal.returns ?? []).length > 0 ? [sentBackBefore] : [])];
  }
  return stored.flatMap((condition) => conditionReasons(condition, listed));
}

/**
 * The senior probation officer's queue: decisions waiting for a countersignature, and open checks
 * past their due time across the team's courts.
 */
export function queueView(listed: readonly ListedProposal[], now: Date) {
  const byHearing = [...listed].sort((a, b) => a.proposal.hearingDate.localeCompare(b.proposal.hearingDate));
  // Oldest hearing first; on the same day, the decision waiting longest first.
  const countersign = [...byHearing]
    .sort((a, b) => a.proposal.hearingDate.localeCompare(b.proposal.hearingDate) || (a.proposal.decision?.at ?? '').localeCompare(b.proposal.decision?.at ?? ''))
    .filter(({ proposal }) => proposal.status === 'AWAITING_COUNTERSIGN')
    .map((listedProposal) => ({
      ...proposalHeadingOf(listedProposal.proposal),
      decidedAt: listedProposal.proposal.decision?.at,
      reasons: countersignReasons(listedProposal),
    }));
  const overdue = byHearing
    .filter(({ proposal }) => !isFinal(proposal.status))
    .flatMap(({ proposal, checks }) =>
      sortedChecks(checks)
        .filter((check) => isCheckOverdue(check, now))
        .map((check) => ({
          ...proposalHeadingOf(proposal),
          check: checkTitle(check, proposal.residents),
          dueAt: check.dueAt,
        })),
    );
  return { countersign, overdue };
}
