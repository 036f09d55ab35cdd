import { afterEach, describe, expect, it } from 'vitest';
import { bearerTokenMatches } from '#notify/callback-token';
import { requireNotifyCallbackToken, requireNotifySendingConfig } from '#notify/notify-config';
import { failureFor } from '#notify/notify-gateway';
import { localTemplateIds, resolveTemplateIds } from '#notify/templates';

const validKey = 'curfew_checks-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';
const saved = { ...process.env };

afterEach(() => {
  for (const name of Object.keys(process.env).filter((name) => name.startsWith('NOTIFY_'))) delete process.env[name];
  Object.assign(process.env, Object.fromEntries(Object.entries(saved).filter(([name]) => name.startsWith('NOTIFY_'))));
});

describe('requireNotifySendingConfig', () => {
  it('fails with the variable name when the key is missing', () => {
    delete process.env.NOTIFY_API_KEY;
    expect(() => requireNotifySendingConfig()).toThrow('Missing required environment variable NOTIFY_API_KEY');
  });

  it('refuses a key of the wrong shape without echoing it', () => {
    process.env.NOTIFY_API_KEY = 'secret-but-wrong';
    expect(() => requireNotifySendingConfig()).toThrow(/^NOTIFY_API_KEY is not a GOV.UK Notify API key/);
    expect(() => requireNotifySendingConfig()).not.toThrow(/secret-but-wrong/);
  });

  it('uses the local template ids against a local Notify, and refuses them against real Notify', () => {
    process.env.NOTIFY_API_KEY = validKey;
    process.env.NOTIFY_BASE_URL = 'http://127.0.0.1:9999/';
    expect(requireNotifySendingConfig()).toMatchObject({ baseUrl: 'http://127.0.0.1:9999', templates: localTemplateIds, retry: { baseDelayMs: 10_000, maxAttempts: 8 } });
    delete process.env.NOTIFY_BASE_URL;
    expect(() => requireNotifySendingConfig()).toThrow(/NOTIFY_TEMPLATES must set every template .* missing REQUEST.AGENCY_EMAIL/);
  });

  it('reads a shorter retry base for tests', () => {
    Object.assign(process.env, { NOTIFY_API_KEY: validKey, NOTIFY_BASE_URL: 'http://127.0.0.1:9999', NOTIFY_RETRY_BASE_MS: '200' });
    expect(requireNotifySendingConfig().retry.baseDelayMs).toBe(200);
  });
});

describe('resolveTemplateIds', () => {
  it('overrides single templates over the defaults', () => {
    const id = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
    const templates = resolveTemplateIds(JSON.stringify({ REQUEST: { RESIDENT_SMS: id } }), { complete: false });
    expect(templates.REQUEST).toEqual({ ...localTemplateIds.REQUEST, RESIDENT_SMS: id });
    expect(templates.OVERDUE).toEqual(localTemplateIds.OVERDUE);
  });

  it.each([
    ['not JSON', '{', /must be JSON/],
    ['an id that is not a UUID', JSON.stringify({ REQUEST: { RESIDENT_SMS: 'abc' } }), /not valid: REQUEST.RESIDENT_SMS/],
    ['an unknown kind', JSON.stringify({ LETTER: { AGENCY_EMAIL: 'f33517ff-2a88-4f6e-b855-c550268ce08a' } }), /not valid/],
  ])('refuses %s', (_what, json, error) => {
    expect(() => resolveTemplateIds(json, { complete: false })).toThrow(error);
  });

  it('accepts a complete set for real Notify', () => {
    const complete = Object.fromEntries(Object.entries(localTemplateIds).map(([kind, slots]) => [kind, Object.fromEntries(Object.keys(slots).map((slot) => [slot, crypto.randomUUID()]))]));
    expect(() => resolveTemplateIds(JSON.stringify(complete), { complete: true })).not.toThrow();
  });
});

describe('requireNotifyCallbackToken', () => {
  it('fails with the variable name when it is missing', () => {
    delete process.env.NOTIFY_CALLBACK_BEARER_TOKEN;
    expect(() => requireNotifyCallbackToken()).toThrow('Missing required environment variable NOTIFY_CALLBACK_BEARER_TOKEN');
  });
});

describe('bearerTokenMatches', () => {
  const token = 'a-long-callback-token-for-notify';
  it.each([
    [`Bearer ${token}`, true],
    [`Bearer ${token}x`, false],
    ['Bearer ', false],
    [token, false],
    [undefined, false],
  ])('%s → %s', (header, matches) => {
    expect(bearerTokenMatches(header, token)).toBe(matches);
  });
});

describe('failureFor', () => {
  it.each([
    [400, 'REJECTED'],
    [403, 'AUTH'],
    [429, 'RATE_LIMITED'],
    [500, 'SERVER_ERROR'],
    [503, 'SERVER_ERROR'],
    [undefined, 'NETWORK'],
  ] as const)('HTTP %s is %s', (status, failure) => {
    expect(failureFor(status)).toBe(failure);
  });
});
