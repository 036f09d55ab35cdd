import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { accessTokenClaimsFor } from '#auth/access-token-claims';
import { handler } from '#handlers/sign-in/pre-token-generation';

/** A Lambda context good enough for the handler's logger. */
const context = { functionName: 'pre-token-generation', awsRequestId: 'test', getRemainingTimeInMillis: () => 5000 } as unknown as Context;

/** A pre token generation event as Cognito sends it with event version V2_0 (sign-in through the hosted pages). */
function cognitoEvent(userAttributes: Record<string, string>) {
  return {
    version: '2',
    triggerSource: 'TokenGeneration_HostedAuth',
    region: 'eu-west-2',
    userPoolId: 'eu-west-2_example',
    userName: '7b1c5f3e-0d2a-4e4b-9f55-2f1d2b3c4d5e',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'example-client' },
    request: {
      userAttributes: { sub: '7b1c5f3e-0d2a-4e4b-9f55-2f1d2b3c4d5e', email: 'officer@probation.example', email_verified: 'true', ...userAttributes },
      groupConfiguration: { groupsToOverride: ['court-officer'], iamRolesToOverride: [], preferredRole: null },
      scopes: ['openid', 'profile', 'email'],
    },
    response: { claimsAndScopeOverrideDetails: null },
  };
}

describe('the claims a staff access token gets from the user\'s attributes', () => {
  it.each([
    ['one court', 'B01LY00', ['B01LY00']],
    ['several courts', 'B01LY00,C01CF00', ['B01LY00', 'C01CF00']],
    ['spaces, blanks and repeats', ' B01LY00 ,, C01CF00,B01LY00, ', ['B01LY00', 'C01CF00']],
    ['an empty attribute', '', []],
  ])('turns custom:courts with %s into a courts list', (_case, attribute, courts) => {
    expect(accessTokenClaimsFor({ 'custom:courts': attribute })).toEqual({ courts });
  });

  it('gives an empty courts list to a user without the attribute, so nobody sees any court by accident', () => {
    expect(accessTokenClaimsFor({ sub: 'someone' })).toEqual({ courts: [] });
  });

  it.each([
    ['a probation services officer', 'PROBATION_SERVICES_OFFICER', { grade: 'PROBATION_SERVICES_OFFICER' }],
    ['a trainee, with spaces', ' TRAINEE ', { grade: 'TRAINEE' }],
    ['a grade we do not know', 'MANAGER', {}],
    ['an empty attribute', '', {}],
  ])('adds the grade from custom:grade for %s, and no grade claim for anything else', (_case, attribute, grade) => {
    expect(accessTokenClaimsFor({ 'custom:courts': 'B01LY00', 'custom:grade': attribute })).toEqual({ courts: ['B01LY00'], ...grade });
  });

  it("adds a performance lead's region from custom:region, and none when it is blank", () => {
    expect(accessTokenClaimsFor({ 'custom:region': ' SOUTH_WEST ' })).toEqual({ courts: [], region: 'SOUTH_WEST' });
    expect(accessTokenClaimsFor({ 'custom:region': ' ' })).toEqual({ courts: [] });
  });
});

describe('the pre token generation trigger', () => {
  it('answers Cognito with the courts added to the access token only, and the rest of the event as it came', async () => {
    const event = cognitoEvent({ 'custom:courts': 'B01LY00,C01CF00' });

    const answer = await handler(event, context);

    expect(answer).toEqual({
      ...event,
      response: { claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { courts: ['B01LY00', 'C01CF00'] } } } },
    });
  });

  it('fails, so Cognito issues no token, on an event that is not a token generation event', async () => {
    await expect(handler({ ...cognitoEvent({}), triggerSource: 'PreSignUp_SignUp' }, context)).rejects.toThrow();
  });
});
