/**
 * Demo staff: the users of the local OpenID Connect provider (`npm start`), and where the local
 * outbox sends an officer's notices. Deployed, staff come from the identity provider.
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
  // Staff of another court, so the separation between courts can be tried locally.
  { id: 'other.officer', displayName: 'Jo Elsewhere', role: 'COURT_OFFICER', courts: ['C01CF00'], email: 'other.officer@probation.example' },
  { id: 'other.spo', displayName: 'Lee Elsewhere', role: 'SENIOR_PROBATION_OFFICER', courts: ['C01CF00'], email: 'other.spo@probation.example' },
  { id: 'other.sentencer', displayName: 'Recorder Elsewhere', role: 'SENTENCER', courts: ['C01CF00'], email: 'other.sentencer@justice.example' },
];

export function findLocalStaff(id: string): StaffUser | undefined {
  return localStaff.find((user) => user.id === id);
}
