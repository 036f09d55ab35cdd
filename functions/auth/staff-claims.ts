import { staffRoles, type StaffRole, type StaffUser } from './staff.ts';

/**
 * The identity provider's group names for our roles. The local provider puts them in a `groups`
 * claim; Cognito puts a user's groups in `cognito:groups`, so deployed the user pool needs groups
 * with exactly these names.
 */
export const roleGroups: Readonly<Record<StaffRole, string>> = {
  COURT_OFFICER: 'court-officer',
  SENIOR_PROBATION_OFFICER: 'senior-probation-officer',
  SENTENCER: 'sentencer',
};

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Turns verified token claims (a bearer access token, or the ID token at sign-in) into a staff
 * user. Groups come from `groups` (local provider) or `cognito:groups` (Cognito); courts from a
 * `courts` array (local provider) or Cognito's custom attribute `custom:courts`, a comma-separated
 * string, because Cognito attributes are strings. Undefined when the claims name no single role,
 * so nobody gets a role by accident of having two.
 */
export function staffUserFromClaims(claims: Record<string, unknown>): StaffUser | undefined {
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub === '') {
    return undefined;
  }
  const groups = [...stringArray(claims.groups), ...stringArray(claims['cognito:groups'])];
  const roles = staffRoles.filter((role) => groups.includes(roleGroups[role]));
  const [role] = roles;
  if (role === undefined || roles.length > 1) {
    return undefined;
  }
  const cognitoCourts = typeof claims['custom:courts'] === 'string' ? claims['custom:courts'].split(',') : [];
  const courts = [...stringArray(claims.courts), ...cognitoCourts].map((court) => court.trim()).filter((court) => court !== '');
  return {
    id: sub,
    displayName: typeof claims.name === 'string' && claims.name !== '' ? claims.name : sub,
    role,
    courts: [...new Set(courts)],
    email: typeof claims.email === 'string' ? claims.email : '',
  };
}
