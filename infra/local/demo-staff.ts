import type { StaffUser } from '#auth/staff';
import { roleGroups } from '#auth/staff-claims';

/**
 * Demo staff: the users of the local OpenID Connect provider (`npm start`), and where the local
 * outbox sends an officer's notices. The local stack writes them into the staff directory when it
 * starts, as their sign-in would. Deployed, staff come from the identity provider, so nothing
 * under functions/ may import this.
 */
export const demoStaff: readonly StaffUser[] = [
  { id: 'court.officer', displayName: 'Casey Officer', role: 'COURT_OFFICER', courts: ['B01LY00'], email: 'court.officer@probation.example', grade: 'PROBATION_OFFICER' },
  { id: 'court.officer2', displayName: 'Robin Officer', role: 'COURT_OFFICER', courts: ['B01LY00'], email: 'court.officer2@probation.example', grade: 'PROBATION_OFFICER' },
  // A probation services officer at Swindon: under the countersigning policy's South West switch, their suitable decisions are countersigned.
  { id: 'pso.officer', displayName: 'Alex Services', role: 'COURT_OFFICER', courts: ['B01LY00'], email: 'pso.officer@probation.example', grade: 'PROBATION_SERVICES_OFFICER' },
  { id: 'spo', displayName: 'Sam Senior', role: 'SENIOR_PROBATION_OFFICER', courts: ['B01LY00'], email: 'spo@probation.example', grade: 'SENIOR_PROBATION_OFFICER' },
  { id: 'sentencer', displayName: 'District Judge Reed', role: 'SENTENCER', courts: ['B01LY00'], email: 'sentencer@justice.example' },
  // Staff of another court, so the separation between courts can be tried locally.
  { id: 'other.officer', displayName: 'Jo Elsewhere', role: 'COURT_OFFICER', courts: ['C01CF00'], email: 'other.officer@probation.example', grade: 'PROBATION_OFFICER' },
  { id: 'other.spo', displayName: 'Lee Elsewhere', role: 'SENIOR_PROBATION_OFFICER', courts: ['C01CF00'], email: 'other.spo@probation.example', grade: 'SENIOR_PROBATION_OFFICER' },
  { id: 'other.sentencer', displayName: 'Recorder Elsewhere', role: 'SENTENCER', courts: ['C01CF00'], email: 'other.sentencer@justice.example' },
  // Sees the P&Q figures of every South West court (Swindon and Chippenham), and no case.
  { id: 'performance.lead', displayName: 'Morgan Figures', role: 'PERFORMANCE_LEAD', courts: [], email: 'performance.lead@probation.example', region: 'SOUTH_WEST' },
];

export function findDemoStaff(id: string): StaffUser | undefined {
  return demoStaff.find((user) => user.id === id);
}

/** Someone the local provider can sign in, with the identity provider's groups for them. */
export interface DemoAccount {
  readonly id: string;
  readonly displayName: string;
  readonly courts: readonly string[];
  readonly email: string;
  /** `custom:grade`, when the account has one. */
  readonly grade?: string;
  /** `custom:region`, for a performance lead. */
  readonly region?: string;
  /** `cognito:groups`: for demo staff, their role's group. */
  readonly groups: readonly string[];
}

/**
 * Accounts the local provider signs in but this service refuses (docs/decisions/0011): one put in
 * two groups, as an administrator who adds a group without removing the old one would leave it, and
 * one in none of ours. They are not staff, so the directory never has them.
 */
export const demoRefusedAccounts: readonly DemoAccount[] = [
  { id: 'two.roles', displayName: 'Pat Tworoles', courts: ['B01LY00'], email: 'two.roles@probation.example', groups: [roleGroups.COURT_OFFICER, roleGroups.SENIOR_PROBATION_OFFICER] },
  { id: 'no.role', displayName: 'Kit Norole', courts: ['B01LY00'], email: 'no.role@probation.example', groups: [] },
];

/** Any account the local provider knows: the demo staff and the refused accounts. */
export function findDemoAccount(id: string): DemoAccount | undefined {
  const staff = findDemoStaff(id);
  return staff === undefined ? demoRefusedAccounts.find((account) => account.id === id) : { ...staff, groups: [roleGroups[staff.role]] };
}
