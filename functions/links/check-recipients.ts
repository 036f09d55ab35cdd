import { findLocalAuthority, findPoliceForce } from '#schemas/directory';
import type { CheckItem, ProposalItem } from '#store/items';

/**
 * Where a check's request goes: the police force's and the local authority's enquiry addresses
 * come from the directory; a resident's from what the officer entered.
 */
export function recipientFor(proposal: ProposalItem, check: CheckItem): string {
  switch (check.type) {
    case 'DOMESTIC_ABUSE':
      return required(findPoliceForce(proposal.policeForce)?.enquiryEmail, 'police force enquiry address');
    case 'CHILD_SAFEGUARDING':
      return required(findLocalAuthority(proposal.localAuthority)?.enquiryEmail, 'local authority enquiry address');
    case 'RESIDENT_CONSENT': {
      const resident = proposal.residents.find((candidate) => candidate.residentId === check.residentId);
      return required(resident?.email ?? resident?.mobile, 'resident contact');
    }
  }
}

function required(value: string | undefined, what: string): string {
  if (value === undefined) {
    throw new Error(`No ${what} for this check`);
  }
  return value;
}

/** Who answers each type of check, for the audit trail (never a person's name). */
export const answeringParty = {
  DOMESTIC_ABUSE: 'POLICE',
  CHILD_SAFEGUARDING: 'CHILDRENS_SERVICES',
  RESIDENT_CONSENT: 'RESIDENT',
} as const;
