import type { AlternativeAddressInput, ProposalInput } from '#schemas/proposal';
import type { ProposalStatus } from './statuses.ts';

/**
 * Another address for the same case (ADR 0026). When the checks show a proposed address will not
 * do, or the proposal was withdrawn, the officer proposes another: a new proposal with its own
 * checks, linked to the one it replaces as versions of one case. A case's id is its first
 * proposal's id, so proposals made before versions existed are version 1 of a case of their own.
 */

/** The decisions after which another address may be proposed: the first address will not be used. */
export const replaceableStatuses: readonly ProposalStatus[] = ['UNSUITABLE', 'WITHDRAWN'];

/** What a version knows of itself; absent fields are those of a proposal made before versions. */
export interface VersionedProposal {
  proposalId: string;
  status: ProposalStatus;
  caseId?: string;
  version?: number;
  nextProposalId?: string;
}

/** An earlier version, as the later ones remember it (its status when it was replaced is final). */
export interface EarlierVersion {
  proposalId: string;
  version: number;
  status: ProposalStatus;
}

/** Whether a proposal is its case's current version: lists show it, not the ones it replaced. */
export function isCurrentVersion(proposal: Pick<VersionedProposal, 'nextProposalId'>): boolean {
  return proposal.nextProposalId === undefined;
}

export function caseIdOf(proposal: Pick<VersionedProposal, 'proposalId' | 'caseId'>): string {
  return proposal.caseId ?? proposal.proposalId;
}

export function versionOf(proposal: Pick<VersionedProposal, 'version'>): number {
  return proposal.version ?? 1;
}

export type ReplaceRefusal =
  /** Already replaced: one proposal has at most one next version (two clicks make one). */
  | { allowed: false; reason: 'ALREADY_REPLACED'; nextProposalId: string }
  /** Still being checked, or suitable: its address may yet be (or is) the one used. */
  | { allowed: false; reason: 'NOT_ALLOWED'; status: ProposalStatus };

/** Whether another address may be proposed in place of this proposal, and if not, why not. */
export function mayProposeAnotherAddress(proposal: VersionedProposal): { allowed: true } | ReplaceRefusal {
  if (proposal.nextProposalId !== undefined) return { allowed: false, reason: 'ALREADY_REPLACED', nextProposalId: proposal.nextProposalId };
  if (!replaceableStatuses.includes(proposal.status)) return { allowed: false, reason: 'NOT_ALLOWED', status: proposal.status };
  return { allowed: true };
}

/** The case and version number of the proposal that replaces `previous`, and the history it carries. */
export function nextVersion(previous: VersionedProposal & { earlierVersions?: readonly EarlierVersion[] }): { caseId: string; version: number; earlierVersions: EarlierVersion[] } {
  return {
    caseId: caseIdOf(previous),
    version: versionOf(previous) + 1,
    earlierVersions: [...(previous.earlierVersions ?? []), { proposalId: previous.proposalId, version: versionOf(previous), status: previous.status }],
  };
}

const ordinals = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth'] as const;

/** "First", "Second"… then "11th" (a case with more addresses than that is rare, and still readable). */
export function ordinal(version: number): string {
  return ordinals[version - 1] ?? `${version}th`;
}

const outcomeWords: Partial<Record<ProposalStatus, string>> = { UNSUITABLE: 'was unsuitable', WITHDRAWN: 'was withdrawn' };

/**
 * How a court list or page says a version's history: "Second address: the first was unsuitable";
 * "Third address: the first was unsuitable, the second was withdrawn". Undefined for a first address.
 */
export function versionHistoryText(version: number, earlierVersions: readonly EarlierVersion[]): string | undefined {
  if (version <= 1) return undefined;
  const earlier = [...earlierVersions].sort((a, b) => a.version - b.version).map((item) => `the ${ordinal(item.version).toLowerCase()} ${outcomeWords[item.status] ?? 'was replaced'}`);
  return earlier.length === 0 ? `${ordinal(version)} address` : `${ordinal(version)} address: ${earlier.join(', ')}`;
}

/**
 * What carries over to another address: the hearing, the report, the conviction, the defendant, and
 * the curfew's dates and hours (the court's sentence, not the house's). Everything about the
 * address (the address itself, who lives there, children, the police force and local authority
 * asked) is asked again: no answer given about one address stands for another.
 */
export type CarriedOver = Pick<ProposalInput, 'courtCode' | 'hearingDate' | 'reportType' | 'convictionDate' | 'defendant'> & { curfew: Omit<ProposalInput['curfew'], 'address'> };

export function carriedOver(previous: CarriedOver): CarriedOver {
  const { courtCode, hearingDate, reportType, convictionDate, defendant, curfew } = previous;
  return { courtCode, hearingDate, reportType, convictionDate, defendant: { ...defendant }, curfew: { startDate: curfew.startDate, endDate: curfew.endDate, periods: curfew.periods.map((period) => ({ ...period, days: [...period.days] })) } };
}

/** The whole proposal for another address: the carried-over answers and the new address's, as POST /api/proposals takes them. */
export function withAnotherAddress(previous: CarriedOver, next: AlternativeAddressInput): ProposalInput {
  const kept = carriedOver(previous);
  return {
    ...kept,
    curfew: { ...kept.curfew, address: next.address },
    residents: next.residents,
    noOtherAdults: next.noOtherAdults,
    childrenDeclaredByDefendant: next.childrenDeclaredByDefendant,
    policeForce: next.policeForce,
    localAuthority: next.localAuthority,
  };
}
