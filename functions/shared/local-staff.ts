/**
 * Demo staff for the local stack, named by the X-Local-User header until staff sign-in exists.
 * Deployed functions never read this list (see `staff-identity.ts`).
 */
export const staffRoles = ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER', 'SENTENCER'] as const;
export type StaffRole = (typeof staffRoles)[number];

export interface StaffUser {
  readonly id: string;
  readonly displayName: string;
  readonly role: StaffRole;
  /** Courts whose proposals this person may see and act on. */
  readonly courts: readonly string[];
  /** Where notices for this person go (the local outbox). */
  readonly email: string;
}

export const localStaff: readonly StaffUser[] = [
  { id: 'court.officer', displayName: 'Casey Officer', role: 'COURT_OFFICER', courts: ['B01LY00'], email: 'court.officer@probation.example' },
  { id: 'court.officer2', displayName: 'Robin Officer', role: 'COURT_OFFICER', courts: ['B01LY00'], email: 'court.officer2@probation.example' },
  { id: 'spo', displayName: 'Sam Senior', role: 'SENIOR_PROBATION_OFFICER', courts: ['B01LY00'], email: 'spo@probation.example' },
  { id: 'sentencer', displayName: 'District Judge Reed', role: 'SENTENCER', courts: ['B01LY00'], email: 'sentencer@justice.example' },
];

export function findLocalStaff(id: string): StaffUser | undefined {
  return localStaff.find((user) => user.id === id);
}
