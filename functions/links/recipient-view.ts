import type { CheckItem, ProposalItem } from '#store/items';

/**
 * What the person holding a link may see, and no more: an agency sees who the person is, their
 * date of birth, the address and the adults living there; a resident sees the person's name and
 * the curfew asked for. Nobody sees another check's answer.
 */
export function recipientView(proposal: ProposalItem, check: CheckItem) {
  const common = {
    checkType: check.type,
    status: check.status,
    courtCode: proposal.courtCode,
    hearingDate: proposal.hearingDate,
    dueAt: check.dueAt,
    defendant: { givenName: proposal.defendant.givenName, familyName: proposal.defendant.familyName },
  };
  if (check.type === 'RESIDENT_CONSENT') {
    const resident = proposal.residents.find((candidate) => candidate.residentId === check.residentId);
    return {
      ...common,
      language: resident?.language ?? 'en',
      curfew: { startDate: proposal.curfew.startDate, endDate: proposal.curfew.endDate, periods: proposal.curfew.periods },
    };
  }
  return {
    ...common,
    defendant: { ...common.defendant, dateOfBirth: proposal.defendant.dateOfBirth },
    address: proposal.curfew.address,
    adultsAtAddress: proposal.residents.map((resident) => resident.fullName),
  };
}

/**
 * What the holder of a link already used to reply may see: that it was used, when, and the court
 * whose team to contact (and a resident's language). No case details: the link no longer
 * answers anything, and whoever holds it now may not be who replied.
 */
export function answeredLinkView(proposal: ProposalItem, check: CheckItem, answeredAt: string) {
  const resident = check.type === 'RESIDENT_CONSENT' ? proposal.residents.find((candidate) => candidate.residentId === check.residentId) : undefined;
  return {
    forResident: check.type === 'RESIDENT_CONSENT',
    language: resident?.language ?? 'en',
    courtCode: proposal.courtCode,
    answeredAt,
  };
}
