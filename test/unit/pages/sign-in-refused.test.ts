import { describe, expect, it } from 'vitest';
import { resolveStaffUser, staffUserFromClaims } from '#auth/staff-claims';
import { signInRefusedPage } from '#pages/sign-in-refused';

/**
 * One role per staff account (docs/decisions/0011-one-role-per-staff-user.md): the identity
 * provider's groups resolve to exactly one role, and anyone in none or several of our groups is
 * told why on a GOV.UK page, and whom to ask, instead of being signed in.
 */

const cognitoClaims = (groups: string[]) => ({ sub: 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6', name: 'Jo Bloggs', email: 'jo.bloggs@example.gov.uk', 'cognito:groups': groups, 'custom:courts': 'B01LY00' });

describe('the role a signed-in person has', () => {
  it('is the one group of ours they are in, with their courts', () => {
    expect(resolveStaffUser(cognitoClaims(['senior-probation-officer', 'some-other-app-admins']))).toEqual({
      user: { id: 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6', displayName: 'Jo Bloggs', role: 'SENIOR_PROBATION_OFFICER', courts: ['B01LY00'], email: 'jo.bloggs@example.gov.uk' },
    });
  });

  it('has the grade from custom:grade (ID token) or grade (access token), and none for a grade we do not know', () => {
    expect(staffUserFromClaims({ ...cognitoClaims(['court-officer']), 'custom:grade': 'PROBATION_SERVICES_OFFICER' })?.grade).toBe('PROBATION_SERVICES_OFFICER');
    expect(staffUserFromClaims({ ...cognitoClaims(['court-officer']), grade: 'TRAINEE' })?.grade).toBe('TRAINEE');
    expect(staffUserFromClaims({ ...cognitoClaims(['court-officer']), 'custom:grade': 'CHIEF' })).not.toHaveProperty('grade');
  });

  it.each([
    ['court officer and senior probation officer: they could check their own decisions', ['court-officer', 'senior-probation-officer'], ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER']],
    ['court officer and sentencer', ['sentencer', 'court-officer'], ['COURT_OFFICER', 'SENTENCER']],
    ['all three', ['court-officer', 'senior-probation-officer', 'sentencer'], ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER', 'SENTENCER']],
  ])('is none when they are in more than one group: %s', (_case, groups, roles) => {
    expect(resolveStaffUser(cognitoClaims(groups))).toEqual({ refused: { reason: 'SEVERAL_ROLES', roles } });
    expect(staffUserFromClaims(cognitoClaims(groups))).toBeUndefined();
  });

  it('is none when they are in no group of ours, or the token names nobody', () => {
    expect(resolveStaffUser(cognitoClaims(['some-other-app-admins']))).toEqual({ refused: { reason: 'NO_ROLE' } });
    expect(resolveStaffUser({ ...cognitoClaims(['court-officer']), sub: '' })).toEqual({ refused: { reason: 'NO_ROLE' } });
  });
});

describe('the page for someone refused at sign-in', () => {
  const signInCookieCleared = 'signin=; Path=/auth; Max-Age=0; HttpOnly; Secure; SameSite=Lax';

  it('names their roles, says why one account has one role and whom to ask, and signs nobody in', () => {
    // Act
    const page = signInRefusedPage({ reason: 'SEVERAL_ROLES', roles: ['COURT_OFFICER', 'SENIOR_PROBATION_OFFICER'] }, [signInCookieCleared]);

    // Assess
    expect(page.statusCode).toBe(403);
    expect(page.headers).toMatchObject({ 'content-type': 'text/html; charset=utf-8' });
    expect(page.cookies).toEqual([signInCookieCleared]);
    const body = String(page.body);
    expect(body).toContain('<title>Your account has more than one role – Curfew safeguarding checks – GOV.UK</title>');
    expect(body).toMatch(/<h1 class="govuk-heading-l" data-qa="page-heading">Your account has more than one role<\/h1>/);
    expect(body).toContain('Your account is set up as a court officer and a senior probation officer.');
    expect(body).toContain('so that nobody checks their own decision');
    expect(body).toMatch(/data-qa="whom-to-ask">Ask the administrator who gave you access to this service to keep only the role for the job you do, then sign in again/);
    expect(body).toContain('You have not been signed in to this service.');
    expect(body).not.toContain('data-qa="sign-out"');
  });

  it("has a button that ends the provider's sign-in, which the page's CSP lets reach the provider", () => {
    // The provider still knows the person: without this, the next "Sign in" on a shared PC brings the next person here as them.
    const page = signInRefusedPage({ reason: 'NO_ROLE' }, [], 'https://sign-in.example.gov.uk');
    const body = String(page.body);

    expect(body).toMatch(/<form method="post" action="\/auth\/sign-out"[^>]*data-qa="refused-sign-out">/);
    expect(body).toContain('so that the next person can sign in with their own account');
    expect(page.headers?.['content-security-policy']).toContain("form-action 'self' https://sign-in.example.gov.uk");
    expect(signInRefusedPage({ reason: 'NO_ROLE' }, []).headers?.['content-security-policy']).toContain("form-action 'self'");
  });

  it('tells someone with no role which roles there are and whom to ask', () => {
    const body = String(signInRefusedPage({ reason: 'NO_ROLE' }, []).body);

    expect(body).toMatch(/data-qa="page-heading">Your account does not have a role in this service<\/h1>/);
    expect(body).toContain('one role: court officer, senior probation officer or sentencer');
    expect(body).toMatch(/data-qa="whom-to-ask">Ask the administrator who gave you access to this service to give your account the role for the job you do/);
  });
});
