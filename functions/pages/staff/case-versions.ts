import { caseIdOf, mayProposeAnotherAddress, ordinal, versionHistoryText, versionOf } from '#domain/case-versions';
import type { ProposalItem } from '#store/items';
import { proposalStatusTags } from './labels.ts';

type Versioned = Pick<ProposalItem, 'proposalId' | 'status' | 'caseId' | 'version' | 'previousProposalId' | 'earlierVersions' | 'nextProposalId'>;

/**
 * The versions of a proposal's case (another address, ADR 0026) as the proposal page shows them:
 * the earlier ones, each linked, and the one that replaced this one, from what the proposal itself
 * records (no other proposal is read). Undefined for a first address never replaced.
 */
export function versionsView(proposal: Versioned) {
  const version = versionOf(proposal);
  if (version === 1 && proposal.nextProposalId === undefined) return undefined;
  const earlier = [...(proposal.earlierVersions ?? [])].sort((a, b) => a.version - b.version);
  return {
    caseId: caseIdOf(proposal),
    heading: `${ordinal(version)} address`,
    history: versionHistoryText(version, earlier),
    rows: [
      ...earlier.map((item) => ({ label: `${ordinal(item.version)} address`, href: `/proposals/${item.proposalId}`, proposalId: item.proposalId, tag: proposalStatusTags[item.status], current: false })),
      { label: `${ordinal(version)} address (this page)`, href: undefined, proposalId: proposal.proposalId, tag: proposalStatusTags[proposal.status], current: proposal.nextProposalId === undefined },
      ...(proposal.nextProposalId === undefined ? [] : [{ label: `${ordinal(version + 1)} address (the current one)`, href: `/proposals/${proposal.nextProposalId}`, proposalId: proposal.nextProposalId, tag: undefined, current: true }]),
    ],
    replacedBy: proposal.nextProposalId === undefined ? undefined : `/proposals/${proposal.nextProposalId}`,
  };
}

/** Whether the officer may propose another address here (the page offers it only then). */
export function anotherAddressAllowed(proposal: Versioned): boolean {
  return mayProposeAnotherAddress(proposal).allowed;
}

/** A court list's or My proposals' line under the defendant's name: "Second address: the first was unsuitable". */
export function historyLineOf(proposal: Versioned): string | undefined {
  return versionHistoryText(versionOf(proposal), proposal.earlierVersions ?? []);
}
