import { staffGradeOf } from './staff.ts';

/**
 * Claims the staff API reads from a bearer access token that Cognito does not put there itself.
 * Cognito access tokens carry `sub`, `cognito:groups`, `client_id`, `scope` and `username`, but no
 * user attributes: without these a caller with a Cognito access token would have no courts, so
 * every proposal would answer 404. The role needs nothing here: `cognito:groups` is already there.
 */
export interface AccessTokenClaims {
  /** The user's court codes, as `staff-claims.ts` reads a `courts` array. */
  readonly courts: readonly string[];
  /** The user's grade (auth/staff.ts), only when `custom:grade` names one we know. */
  readonly grade?: string;
  /** A performance lead's region, when `custom:region` is set. */
  readonly region?: string;
}

/** The user attribute that holds the court codes: comma-separated, set only by administrators. */
export const courtsUserAttribute = 'custom:courts';

/** The user attribute that holds the grade (PROBATION_OFFICER, PROBATION_SERVICES_OFFICER, TRAINEE…): set only by administrators. */
export const gradeUserAttribute = 'custom:grade';

/** The user attribute that holds a performance lead's region (SOUTH_WEST…): set only by administrators. */
export const regionUserAttribute = 'custom:region';

/** `B01LY00, B01CN00,` → `['B01LY00', 'B01CN00']`: trimmed, no blanks, no repeats. */
function courtCodes(attribute: string | undefined): string[] {
  const codes = (attribute ?? '').split(',').map((code) => code.trim()).filter((code) => code !== '');
  return [...new Set(codes)];
}

/**
 * What to add to the access token, from the user's attributes. Always a `courts` claim, empty
 * for a user with none, so the API never has to guess between "no courts" and "not told"; a
 * `grade` claim when the user has a grade we know (a missing grade is simply not known, and the
 * countersigning policy never applies a condition on a fact it was not told).
 */
export function accessTokenClaimsFor(userAttributes: Readonly<Record<string, string>>): AccessTokenClaims {
  const grade = staffGradeOf(userAttributes[gradeUserAttribute]?.trim());
  const region = userAttributes[regionUserAttribute]?.trim();
  return { courts: courtCodes(userAttributes[courtsUserAttribute]), ...(grade === undefined ? {} : { grade }), ...(region === undefined || region === '' ? {} : { region }) };
}

/**
 * The `response` of Cognito's pre token generation event, version 2: the claims go into the
 * access token only (`accessTokenGeneration`); the ID token already has the attributes, and the
 * groups and scopes stay as Cognito made them.
 */
export function preTokenGenerationResponse(userAttributes: Readonly<Record<string, string>>) {
  return {
    claimsAndScopeOverrideDetails: {
      accessTokenGeneration: { claimsToAddOrOverride: accessTokenClaimsFor(userAttributes) },
    },
  };
}
