import { authorGrades, type AuthorGrade } from '#domain/countersigning-policy';

/**
 * Who staff are to this service: a role and the courts they work at, as the identity provider
 * says at sign-in (staff-claims.ts), and their grade when it says one. The local stack's demo users are in infra/local/demo-staff.ts.
 */
export const staffRoles = ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER', 'SENTENCER', 'PERFORMANCE_LEAD'] as const;
export type StaffRole = (typeof staffRoles)[number];

export interface StaffUser {
  readonly id: string;
  readonly displayName: string;
  readonly role: StaffRole;
  /** Courts whose proposals this person may see and act on. */
  readonly courts: readonly string[];
  /** Where notices for this person go (the staff directory keeps it for them). */
  readonly email: string;
  /**
   * A performance lead's region (as in court-teams.json, e.g. SOUTH_WEST): they see the P&Q figures
   * of every court of it, and no case. From the identity provider's `custom:region`, like the courts.
   */
  readonly region?: string;
  /**
   * Their grade (probation officer, probation services officer, trainee…), from the identity
   * provider's `custom:grade` attribute: the countersigning policy may ask for a countersignature
   * of a decision by a probation services officer or a trainee. Absent when the attribute is not
   * set (or not a grade we know): a missing grade never makes that condition apply.
   */
  readonly grade?: StaffGrade;
}

/** A staff grade, as the countersigning policy names them. */
export type StaffGrade = AuthorGrade;

/** The grade an identity attribute or a stored session names, or undefined for anything else. */
export function staffGradeOf(value: unknown): StaffGrade | undefined {
  return (authorGrades as readonly unknown[]).includes(value) ? (value as StaffGrade) : undefined;
}

/**
 * Staff see only their own courts' proposals; callers answer 404 so ids in other courts stay hidden.
 * Here, beside the type, not with sign-in: a scheduled job that filters by court loads no sign-in settings.
 */
export function worksAtCourt(user: Pick<StaffUser, 'courts'>, courtCode: string): boolean {
  return user.courts.includes(courtCode);
}
