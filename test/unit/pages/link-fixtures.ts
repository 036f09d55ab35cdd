import type { AgencyView, ResidentView } from '#pages/link/view-models';

/** What a link's holder may see (links/recipient-view.ts), for the link page view model tests. */
const common = { status: 'REQUESTED' as const, courtCode: 'B01LY00', hearingDate: '2026-12-14', dueAt: '2026-12-10T17:00:00.000Z' };

export const resident: ResidentView = {
  ...common,
  checkType: 'RESIDENT_CONSENT',
  defendant: { givenName: 'Sam', familyName: 'Example' },
  language: 'cy',
  curfew: { startDate: '2026-12-15', endDate: '2027-03-14', periods: [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], from: '19:00', to: '07:00' }] },
};

export const police: AgencyView = {
  ...common,
  checkType: 'DOMESTIC_ABUSE',
  defendant: { givenName: 'Sam', familyName: 'Example', dateOfBirth: '1990-04-01' },
  address: { line1: '1 High Street', town: 'Swindon', postcode: 'SN1 1AA' },
  adultsAtAddress: ['Alex Resident'],
};
