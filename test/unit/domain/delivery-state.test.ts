import { describe, expect, it } from 'vitest';
import { afterFailedAttempt, backoffDelayMs, defaultRetryPolicy, nextDeliveryStep, receiptApplies, type RetryPolicy } from '#domain/delivery-state';

const policy: RetryPolicy = { baseDelayMs: 10_000, maxDelayMs: 15 * 60_000, maxAttempts: 8, stuckAfterMs: 120_000 };
const at = new Date('2026-06-01T10:00:00.000Z');
const secondsAgo = (seconds: number) => new Date(at.getTime() - seconds * 1000).toISOString();

describe('backoffDelayMs', () => {
  it.each([
    [1, 10_000],
    [2, 20_000],
    [3, 40_000],
    [5, 160_000],
    [7, 640_000],
    [8, 900_000],
    [12, 900_000],
  ])('doubles from the base and stops at the cap: after %i failed attempts at most %i ms', (attempt, ceiling) => {
    expect(backoffDelayMs(attempt, 0.999999, policy)).toBeCloseTo(ceiling, -1);
    expect(backoffDelayMs(attempt, 0, policy)).toBe(ceiling / 2);
  });

  it('spreads retries with jitter between half the ceiling and the ceiling', () => {
    const delays = [0, 0.25, 0.5, 0.75].map((random) => backoffDelayMs(3, random, policy));
    expect(delays).toEqual([20_000, 25_000, 30_000, 35_000]);
  });
});

describe('afterFailedAttempt', () => {
  it('puts a rate-limited message back to PENDING with one more attempt and a later time', () => {
    expect(afterFailedAttempt(0, 'RATE_LIMITED', at, 0, policy)).toEqual({
      deliveryStatus: 'PENDING',
      attempts: 1,
      nextAttemptAt: new Date(at.getTime() + 5_000).toISOString(),
      lastFailure: 'RATE_LIMITED',
    });
  });

  it.each(['SERVER_ERROR', 'NETWORK', 'AUTH'] as const)('retries after %s', (failure) => {
    expect(afterFailedAttempt(3, failure, at, 0.5, policy)).toMatchObject({ deliveryStatus: 'PENDING', attempts: 4 });
  });

  it('gives up with TECHNICAL_FAILURE on the last allowed attempt', () => {
    expect(afterFailedAttempt(policy.maxAttempts - 2, 'SERVER_ERROR', at, 0, policy).deliveryStatus).toBe('PENDING');
    expect(afterFailedAttempt(policy.maxAttempts - 1, 'SERVER_ERROR', at, 0, policy)).toEqual({ deliveryStatus: 'TECHNICAL_FAILURE', attempts: policy.maxAttempts, lastFailure: 'SERVER_ERROR' });
  });

  it.each(['REJECTED', 'UNRECOGNISED_ADDRESS', 'NO_TEMPLATE', 'MISSING_LINK'] as const)('fails %s permanently at once, never retrying', (failure) => {
    expect(afterFailedAttempt(0, failure, at, 0, policy)).toEqual({ deliveryStatus: 'PERMANENT_FAILURE', attempts: 1, lastFailure: failure });
  });

  it('keeps the defaults documented in the brief: 8 attempts, stuck after 2 minutes', () => {
    expect(defaultRetryPolicy).toMatchObject({ maxAttempts: 8, stuckAfterMs: 120_000 });
  });
});

describe('nextDeliveryStep', () => {
  it('sends a message written before delivery existed (no status) as PENDING', () => {
    expect(nextDeliveryStep({}, at, policy)).toBe('SEND');
  });

  it('waits while a retry is backing off, then sends', () => {
    expect(nextDeliveryStep({ deliveryStatus: 'PENDING', attempts: 1, lastFailure: 'RATE_LIMITED', nextAttemptAt: secondsAgo(-5) }, at, policy)).toBe('WAIT');
    expect(nextDeliveryStep({ deliveryStatus: 'PENDING', attempts: 1, lastFailure: 'RATE_LIMITED', nextAttemptAt: secondsAgo(0) }, at, policy)).toBe('SEND');
  });

  it.each(['SERVER_ERROR', 'NETWORK'] as const)('looks the reference up before sending again after %s (Notify may have it)', (lastFailure) => {
    expect(nextDeliveryStep({ deliveryStatus: 'PENDING', attempts: 1, lastFailure, nextAttemptAt: secondsAgo(1) }, at, policy)).toBe('LOOKUP_THEN_SEND');
  });

  it('leaves a fresh SENDING claim alone, and resolves one older than two minutes by reference', () => {
    expect(nextDeliveryStep({ deliveryStatus: 'SENDING', sendingSince: secondsAgo(119), claimId: 'c' }, at, policy)).toBe('NONE');
    expect(nextDeliveryStep({ deliveryStatus: 'SENDING', sendingSince: secondsAgo(121), claimId: 'c' }, at, policy)).toBe('LOOKUP_THEN_SEND');
  });

  it.each(['SENT', 'DELIVERED', 'PERMANENT_FAILURE', 'TEMPORARY_FAILURE', 'TECHNICAL_FAILURE'] as const)('never sends a %s message again', (deliveryStatus) => {
    expect(nextDeliveryStep({ deliveryStatus }, at, policy)).toBe('NONE');
  });
});

describe('receiptApplies', () => {
  it.each([
    [undefined, true],
    ['PENDING', true],
    ['SENDING', true],
    ['SENT', true],
    ['DELIVERED', false],
    ['PERMANENT_FAILURE', false],
    ['TEMPORARY_FAILURE', false],
    ['TECHNICAL_FAILURE', false],
  ] as const)('for a message in %s: %s (a final status is never overwritten)', (deliveryStatus, applies) => {
    expect(receiptApplies(deliveryStatus === undefined ? {} : { deliveryStatus })).toBe(applies);
  });
});
