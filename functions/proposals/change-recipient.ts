import { withContact } from '#domain/link-resend';
import { isFinal } from '#domain/statuses';
import { residentContactSchema } from '#schemas/proposal';
import { now } from '#runtime/clock';
import { ConflictError, NotFoundError } from '#runtime/errors';
import { logger } from '#runtime/logger';
import { parseWith } from '#runtime/validation';
import type { StaffUser } from '#auth/staff';
import { recipientFor } from '#links/check-recipients';
import { issueLink } from '#links/issue-link';
import { loadExistingProposal, type StoredProposal } from '#store/proposal-store';
import { changeResidentContact } from '#store/resident-contact';
import { writeAtomically } from '#store/transactions';
import { loadProposalOfCourt } from './court-access.ts';
import { conflictAfterRace, refuseUnlessResendable } from './resend-guards.ts';

/**
 * Changes an adult resident's contact details and sends them a new link there, in one
 * transaction: the proposal's resident record (only while checks are in progress), the new link
 * and message, and the audit records RECIPIENT_CHANGED then LINK_RESENT (no address in either).
 * Which checks may be sent a new link: resend-guards.ts. Agencies' addresses come from the
 * directory and cannot be changed here. A resident's new contact details replace the old ones
 * entirely (leave a field out to remove it), and are never written to the audit trail or the logs.
 */
export async function changeRecipient(user: StaffUser, proposalId: string, residentId: string, body: unknown): Promise<StoredProposal> {
  const stored = await loadProposalOfCourt(user, proposalId);
  const { proposal } = stored;
  const index = proposal.residents.findIndex((resident) => resident.residentId === residentId);
  const resident = proposal.residents[index];
  const check = stored.checks.find((candidate) => candidate.type === 'RESIDENT_CONSENT' && candidate.residentId === residentId);
  if (resident === undefined || check === undefined) {
    throw new NotFoundError('No such resident on this proposal');
  }
  const contact = parseWith(body, residentContactSchema);
  if (isFinal(proposal.status)) {
    throw new ConflictError({ error: 'NOT_ALLOWED', message: 'This proposal has a final decision, so contact details cannot be changed', status: proposal.status });
  }
  refuseUnlessResendable(check);
  const at = now();
  const updated = withContact(resident, contact);
  const to = recipientFor({ ...proposal, residents: proposal.residents.map((each) => (each.residentId === residentId ? updated : each)) }, check);
  const { items, resendNumber } = issueLink(proposal, check, to, { kind: 'REPLACEMENT' }, at);
  const audits = [
    { proposalId, action: 'RECIPIENT_CHANGED', actor: user.id, at, checkId: check.checkId },
    { proposalId: check.proposalId, action: 'LINK_RESENT', actor: user.id, at, checkId: check.checkId },
  ];
  if (!(await writeAtomically([changeResidentContact(proposalId, residentId, index, contact, at), ...items], audits))) {
    const current = await loadExistingProposal(proposalId);
    if (isFinal(current.proposal.status)) {
      throw new ConflictError({ error: 'NOT_ALLOWED', message: 'This proposal has a final decision, so contact details cannot be changed', status: current.proposal.status });
    }
    return conflictAfterRace(proposalId, check.checkId);
  }
  logger.info('Recipient changed and link sent again', { proposalId, checkId: check.checkId, resendNumber });
  return loadExistingProposal(proposalId);
}
