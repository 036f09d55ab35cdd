import { NotFoundError } from './errors.ts';
import type { HttpEvent } from './http-handler.ts';
import { pathParameter } from './http-handler.ts';
import type { StaffUser } from './local-staff.ts';
import { loadProposal, type StoredProposal } from './proposal-store.ts';
import { worksAtCourt } from './staff-identity.ts';

/** The proposal named in the path, if this person's court owns it; otherwise 404 (never 403, which would confirm it exists). */
export async function loadProposalForStaff(event: HttpEvent, user: StaffUser): Promise<StoredProposal> {
  const stored = await loadProposal(pathParameter(event, 'proposalId'));
  if (stored === undefined || !worksAtCourt(user, stored.proposal.courtCode)) {
    throw new NotFoundError('No such proposal');
  }
  return stored;
}
