import { findLocalStaff, localStaff } from './local-staff.ts';

/**
 * Who hears about a proposal's overdue checks: the officer who started it and the senior
 * probation officers of its court. Until a staff directory exists (sign-in knows people only when
 * they sign in), the demo staff list answers locally; deployed, the notice goes to the officer's id
 * and no SPO is found, which the Notify delivery issue replaces with the court team's address.
 */
export function officerAddress(officerId: string): string {
  return findLocalStaff(officerId)?.email ?? officerId;
}

export function seniorProbationOfficerAddresses(courtCode: string): string[] {
  return localStaff.filter((user) => user.role === 'SENIOR_PROBATION_OFFICER' && user.courts.includes(courtCode)).map((user) => user.email);
}
