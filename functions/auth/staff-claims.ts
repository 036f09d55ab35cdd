import { staffGradeOf, staffRoles, type StaffRole, type StaffUser } from './staff.ts';

/**
 * The identity provider's group names for our roles. Cognito (and the local provider, which issues
 * tokens shaped like Cognito's) puts a user's groups in `cognito:groups`, so the user pool needs
 * groups with exactly these names.
 */
export const roleGroups: Readonly<Record<StaffRole, string>> = {
  COURT_OFFICER: 'court-officer',
  SENIOR_PROBATION_OFFICER: 'senior-probation-officer',
  SENTENCER: 'sentencer',
  PERFORMANCE_LEAD: 'performance-lead',
};

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Why verified claims give nobody a place in this service: no role of ours (or no subject to be
 * someone), or more than one role. One role per account (docs/decisions/0011-one-role-per-staff-user.md):
 * never the union of two, never the "highest", so nobody gets a role by accident of having two.
 */
export type StaffRefusal = { readonly reason: 'NO_ROLE' } | { readonly reason: 'SEVERAL_ROLES'; readonly roles: readonly StaffRole[] };

/**
 * Turns verified token claims (a bearer access token, or the ID token at sign-in) into a staff
 * user, or the refusal. Groups come from `cognito:groups` (or a plain `groups` claim); courts from
 * a `courts` array (in access tokens: the pre token generation trigger adds it, access-token-claims.ts)
 * or Cognito's custom attribute `custom:courts` (in ID tokens), comma-separated because Cognito
 * attributes are strings. The grade likewise: a `grade` claim in access tokens (the trigger adds
 * it) or `custom:grade` in ID tokens; one we do not know is left out, as if not set.
 */
export function resolveStaffUser(claims: Record<string, unknown>): { user: StaffUser } | { refused: StaffRefusal } {
  const sub = claims.sub;
  const groups = [...stringArray(claims.groups), ...stringArray(claims['cognito:groups'])];
  const roles = staffRoles.filter((role) => groups.includes(roleGroups[role]));
  const [role] = roles;
  if (typeof sub !== 'string' || sub === '' || role === undefined) {
    return { refused: { reason: 'NO_ROLE' } };
  }
  if (roles.length > 1) {
    return { refused: { reason: 'SEVERAL_ROLES', roles } };
  }
  const cognitoCourts = typeof claims['custom:courts'] === 'string' ? claims['custom:courts'].split(',') : [];
  const courts = [...stringArray(claims.courts), ...cognitoCourts].map((court) => court.trim()).filter((court) => court !== '');
  const grade = staffGradeOf(claims.grade) ?? staffGradeOf(claims['custom:grade']);
  // A performance lead's region: a `region` claim in access tokens (the trigger adds it) or `custom:region`.
  const region = [claims.region, claims['custom:region']].find((value): value is string => typeof value === 'string' && value.trim() !== '')?.trim();
  return {
    user: {
      id: sub,
      displayName: typeof claims.name === 'string' && claims.name !== '' ? claims.name : sub,
      role,
      courts: [...new Set(courts)],
      email: typeof claims.email === 'string' ? claims.email : '',
      ...(grade === undefined ? {} : { grade }),
      ...(region === undefined ? {} : { region }),
    },
  };
}

/** The staff user the claims give, or undefined for any refusal (resolveStaffUser says which). */
export function staffUserFromClaims(claims: Record<string, unknown>): StaffUser | undefined {
  const resolved = resolveStaffUser(claims);
  return 'user' in resolved ? resolved.user : undefined;
}
