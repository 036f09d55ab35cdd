import { isFinal } from '#domain/statuses';
import { logger } from '#runtime/logger';
import { answeringParty } from '#links/check-recipients';
import { findRenewableLink, type UsableLink } from '#links/link-access';
import { recordNewLinkRequest } from '#store/new-link-requests';
import { outboxPut } from '#store/outbox';
import { loadProposal } from '#store/proposal-store';
import { officerAddress } from '#store/staff-directory';
import { writeAtomically } from '#store/transactions';

/** What the page tells the link's holder: nothing about the case, only the court to contact and in which language. */
export interface NewLinkRequest {
  outcome: 'ASKED' | 'ALREADY_ASKED';
  courtCode: string;
  language: 'en' | 'cy';
}

/**
 * Whether the "cannot be used" page offers its holder a new link, and in which language (a
 * resident's own): only for a link that expired or was replaced while its check still waits.
 */
export async function newLinkOffer(token: string, at: Date): Promise<{ language: 'en' | 'cy' } | undefined> {
  const renewable = await findRenewableLink(token, at);
  if (renewable === undefined) {
    return undefined;
  }
  return { language: languageOf(renewable) };
}

/** The language the link's holder was asked in: a resident's own, English for an agency. */
function languageOf({ stored, check }: UsableLink): 'en' | 'cy' {
  const resident = check.type === 'RESIDENT_CONSENT' ? stored.proposal.residents.find((candidate) => candidate.residentId === check.residentId) : undefined;
  return resident?.language ?? 'en';
}

/**
 * The holder of a link that expired or was replaced asks for a new one (links/link-access.ts,
 * `findRenewableLink`): recorded on the check once, audited (`NEW_LINK_REQUESTED`, by the answering
 * party, never a person), and the proposal's officer is told by email
 * (`NEW_LINK_REQUESTED#<checkId>#<live link's hash, first 12>`: one per live link, so a request
 * after the next link has been sent is told again). The officer sends the new link with one click
 * (resend-link.ts), which removes the request. Asking again before then changes nothing.
 * Undefined when the link cannot be renewed (unknown, used, still working, or the check no longer waits).
 */
export async function requestNewLink(token: string, at: Date): Promise<NewLinkRequest | undefined> {
  const renewable = await findRenewableLink(token, at);
  if (renewable === undefined) {
    return undefined;
  }
  const { stored, check } = renewable;
  const answer = (outcome: NewLinkRequest['outcome']): NewLinkRequest => ({ outcome, courtCode: stored.proposal.courtCode, language: languageOf(renewable) });
  if (check.newLinkRequestedAt !== undefined) {
    return answer('ALREADY_ASKED');
  }
  // An officer who has never signed in here has no address yet: the request still shows on the proposal page.
  const officer = await officerAddress(stored.proposal.createdBy);
  const notice =
    officer === undefined
      ? []
      : [
          outboxPut({
            id: `NEW_LINK_REQUESTED#${check.checkId}#${(check.linkTokenHash ?? 'none').slice(0, 12)}`,
            kind: 'NEW_LINK_REQUESTED',
            to: officer,
            proposalId: check.proposalId,
            checkType: check.type,
            ...(check.residentId === undefined ? {} : { residentId: check.residentId }),
            sentAt: at.toISOString(),
          }),
        ];
  const recorded = await writeAtomically([recordNewLinkRequest(check, at), ...notice], { proposalId: check.proposalId, action: 'NEW_LINK_REQUESTED', actor: answeringParty[check.type], at, checkId: check.checkId });
  if (!recorded) {
    // Another tab asked at the same moment, or the check stopped waiting: say what is true now.
    const now = await loadProposal(check.proposalId);
    const current = now?.checks.find((candidate) => candidate.checkId === check.checkId);
    return current?.newLinkRequestedAt !== undefined && now !== undefined && !isFinal(now.proposal.status) ? answer('ALREADY_ASKED') : undefined;
  }
  logger.info('New link requested', { proposalId: check.proposalId, checkId: check.checkId, checkType: check.type, officerTold: officer !== undefined });
  return answer('ASKED');
}
