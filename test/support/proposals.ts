import { addDays, todayInLondon } from './dates.ts';

export interface ProposalOverrides {
  residents?: unknown[];
  noOtherAdults?: boolean;
  hearingDate?: string;
  courtCode?: string;
  today?: string;
}

/** A valid proposal body, dated relative to today so it never goes stale. */
export function proposalBody(overrides: ProposalOverrides = {}) {
  const today = overrides.today ?? todayInLondon();
  const hearingDate = overrides.hearingDate ?? addDays(today, 14);
  const startDate = addDays(hearingDate, 1);
  return {
    courtCode: overrides.courtCode ?? 'B01LY00',
    hearingDate,
    reportType: 'SHORT_FORMAT',
    convictionDate: today,
    defendant: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '1990-04-01', pnc: '2001/0012345X', crn: 'X123456' },
    curfew: {
      address: { line1: '1 High Street', town: 'Swindon', postcode: 'SN1 1AA' },
      startDate,
      endDate: addDays(startDate, 89),
      periods: [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], from: '19:00', to: '07:00' }],
    },
    residents: overrides.residents ?? [{ fullName: 'Alex Resident', relationship: 'PARTNER', email: 'alex@example.org', language: 'en' }],
    noOtherAdults: overrides.noOtherAdults ?? false,
    childrenDeclaredByDefendant: { any: true, count: 2 },
    policeForce: 'WILTSHIRE',
    localAuthority: 'SWINDON',
  };
}

export const noInformation = { outcome: 'NO_INFORMATION', restricted: false, responder: { name: 'PC Jordan Lee', role: 'Domestic abuse officer', organisation: 'Wiltshire Police' } };
export const informationHeld = {
  outcome: 'INFORMATION_HELD',
  summary: 'Two call-outs to the address in 2025.',
  restricted: true,
  responder: { name: 'DS Pat Quinn', role: 'Public protection unit', organisation: 'Wiltshire Police' },
};
export const notKnown = { outcome: 'NOT_KNOWN', restricted: false, responder: { name: 'Chris Ward', role: 'MASH social worker', organisation: 'Swindon Borough Council' } };
export const consent = { decision: 'CONSENT', understood: true };
export const refusal = { decision: 'REFUSE' };
export const speakToOfficer = { decision: 'SPEAK_TO_OFFICER' };
