import { afterEach, describe, expect, it, vi } from 'vitest';
import { environmentGroups, environmentVariableNames, readEnvironment } from '#runtime/environment';

/** Exactly these variables of every group set, the rest of them unset. */
function setVariables(variables: Readonly<Record<string, string>>): void {
  const names: string[] = environmentGroups.flatMap((group) => environmentVariableNames(group));
  for (const name of names) vi.stubEnv(name, variables[name]);
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('readEnvironment', () => {
  it('names every missing variable of a group in one error, and none that is optional', () => {
    setVariables({});
    expect(() => readEnvironment('signIn')).toThrow(
      /^Missing required environment variable OIDC_ISSUER; Missing required environment variable OIDC_CLIENT_ID; Missing required environment variable OIDC_AUDIENCE$/,
    );
  });

  it('treats a variable set to nothing as unset', () => {
    setVariables({ TABLE_NAME: '', PUBLIC_BASE_URL: 'https://example.gov.uk' });
    expect(() => readEnvironment('table')).toThrow(/^Missing required environment variable TABLE_NAME$/);
  });

  it('gives the core settings in the shape the code uses', () => {
    setVariables({ TABLE_NAME: 'table', PUBLIC_BASE_URL: 'https://example.gov.uk//', LOCAL_DEVELOPMENT_ENDPOINTS: 'yes' });
    expect(readEnvironment('core')).toEqual({ PUBLIC_BASE_URL: 'https://example.gov.uk', AWS_REGION: 'eu-west-2', LOCAL_DEVELOPMENT_ENDPOINTS: false });
    expect(readEnvironment('table')).toEqual({ TABLE_NAME: 'table' });
  });

  it.each([
    ['cookies', { SESSION_COOKIE_SECURE: 'TRUE' }, 'SESSION_COOKIE_SECURE must be true or false'],
    ['linkLifetimes', { RESIDENT_LINK_DAYS: '29' }, 'RESIDENT_LINK_DAYS must be a whole number of days from 1 to 28'],
    ['linkLifetimes', { AGENCY_LINK_DAYS_AFTER_HEARING: '1.5' }, 'AGENCY_LINK_DAYS_AFTER_HEARING must be a whole number of days from 0 to 14'],
    ['clock', { LOCAL_CLOCK_OFFSET_MS: 'soon' }, 'LOCAL_CLOCK_OFFSET_MS must be a number of milliseconds'],
    ['notifyCallback', { NOTIFY_CALLBACK_BEARER_TOKEN: 'too-short' }, 'NOTIFY_CALLBACK_BEARER_TOKEN must be at least 16 characters'],
  ] as const)('refuses %s with %j: %s', (group, variables, message) => {
    setVariables(variables);
    expect(() => readEnvironment(group)).toThrow(new RegExp(`^${message}$`));
  });

  it('converts what it checks', () => {
    setVariables({ SESSION_COOKIE_SECURE: 'false', RESIDENT_LINK_DAYS: '7', AGENCY_LINK_DAYS_AFTER_HEARING: '0', LOCAL_CLOCK_OFFSET_MS: '-3600000' });
    expect([readEnvironment('cookies'), readEnvironment('linkLifetimes'), readEnvironment('clock')]).toEqual([
      { SESSION_COOKIE_SECURE: false },
      { RESIDENT_LINK_DAYS: 7, AGENCY_LINK_DAYS_AFTER_HEARING: 0 },
      { LOCAL_CLOCK_OFFSET_MS: -3_600_000 },
    ]);
  });
});

describe('environment and environments', () => {
  it('keep a group as first read, for the life of the process', async () => {
    setVariables({ STATE_MACHINE_ARN: 'arn:first' });
    const { environment } = await import('#runtime/environment');
    environment('workflow');
    vi.stubEnv('STATE_MACHINE_ARN', 'arn:second');
    expect(environment('workflow').STATE_MACHINE_ARN).toBe('arn:first');
  });

  it('read a group again once a secret has put its value in place', async () => {
    setVariables({ NOTIFY_CALLBACK_BEARER_TOKEN: 'the-token-before-the-secret' });
    const { environment, setSecretBackedVariable } = await import('#runtime/environment');
    environment('notifyCallback');
    setSecretBackedVariable('NOTIFY_CALLBACK_BEARER_TOKEN', 'the-token-from-the-secret');
    expect(environment('notifyCallback').NOTIFY_CALLBACK_BEARER_TOKEN).toBe('the-token-from-the-secret');
  });

  it('name what is wrong in every group asked for, in one error', async () => {
    setVariables({ OIDC_ISSUER: 'https://issuer.example', OIDC_CLIENT_ID: 'client' });
    const { environments } = await import('#runtime/environment');
    expect(() => environments('signIn', 'cookies')).toThrow(
      /^Missing required environment variable OIDC_AUDIENCE; Missing required environment variable SESSION_COOKIE_SECURE$/,
    );
  });
});
