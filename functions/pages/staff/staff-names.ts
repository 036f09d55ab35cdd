import { staffNamesOf } from '#auth/staff-names';
import type { StoredProposal } from '#store/proposal-store';

/** The staff a proposal's pages name: who decided, countersigned or withdrew it, and each officer who recorded an answer or a withdrawal of consent. */
export function staffShownOn({ proposal, checks }: Pick<StoredProposal, 'proposal' | 'checks'>): string[] {
  const recorders = checks.map((check) => (check.source?.via === 'OFFICER' ? check.source.recordedBy : undefined));
  const withdrawalRecorders = checks.map((check) => check.consentWithdrawal?.recordedBy);
  return [proposal.decision?.by, proposal.countersignature?.by, proposal.withdrawal?.by, ...recorders, ...withdrawalRecorders].filter((id) => id !== undefined);
}

/**
 * A staff member's name for the proposal's pages (the proposal, its check summary, countersigning),
 * all looked up at once; ids we cannot name are shown as they are.
 */
export function staffNamesFor(stored: Pick<StoredProposal, 'proposal' | 'checks'>): Promise<(id: string) => string> {
  return staffNamesOf(staffShownOn(stored));
}
