/**
 * Who staff are to this service: a role and the courts they work at, as the identity provider
 * says at sign-in (staff-claims.ts). The local stack's demo users are in infra/local/demo-staff.ts.
 */
export const staffRoles = ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER', 'SENTENCER'] as const;
export type StaffRole = (typeof staffRoles)[number];

export interface StaffUser {
  readonly id: string;
  readonly displayName: string;
  readonly role: StaffRole;
  /** Courts whose proposals this person may see and act on. */
  readonly courts: readonly string[];
  /** Where notices for this person go (the staff directory keeps it for them). */
  readonly email: string;
}

/**
 * Staff see only their own courts' proposals; callers answer 404 so ids in other courts stay hidden.
 * Here, beside the type, not with sign-in: a scheduled job that filters by court loads no sign-in settings.
 */
export function worksAtCourt(user: Pick<StaffUser, 'courts'>, courtCode: string): boolean {
  return user.courts.includes(courtCode);
}
