import { describe, expect, it } from 'vitest';
import { runCrashHarness } from './support/crash-run.ts';

/**
 * The short version of `npm run reliability:crash` (docs/reliability.md, section 1): a few journeys
 * while the stack's process is SIGKILLed, at least once at each crash point (an answer stored but
 * the workflow not yet told; a message accepted by Notify but not yet recorded as sent; an
 * adjournment stored but not yet answered; another address stored, its workflow not yet started) and at
 * random moments; then every invariant from the table, the fake Notify and the API.
 */
describe('crash recovery', () => {
  it('loses no answer, leaves no check stuck past its deadline, sends no message twice, and ends every proposal where its answers lead', async () => {
    const seed = Math.floor(Math.random() * 2 ** 31);
    const summary = await runCrashHarness({
      journeys: 6,
      minKills: 4,
      minKillsPerCrashPoint: 1,
      minOverdueKills: 1,
      concurrency: 6,
      answerDelayMs: 800,
      crashPointChance: 0.5,
      timerKillMs: [1_500, 5_000],
      timerOnlyShare: 0.3,
      seed,
      timeoutMs: 100_000,
      settleTimeoutMs: 30_000,
      ...(process.env.CRASH_HARNESS_VERBOSE === undefined ? {} : { log: (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`) }),
    });

    const context = JSON.stringify({ seed, problems: summary.problems.slice(0, 10), killsByCause: summary.killsByCause });
    expect(summary.kills, context).toBeGreaterThanOrEqual(4);
    expect(summary.killsByCause['answer-stored'], context).toBeGreaterThanOrEqual(1);
    expect(summary.killsByCause['message-sent'], context).toBeGreaterThanOrEqual(1);
    expect(summary.killsByCause['hearing-moved'], context).toBeGreaterThanOrEqual(1);
    expect(summary.killsByCause['address-replaced'], context).toBeGreaterThanOrEqual(1);
    expect(summary.unexpectedExits, context).toEqual([]);
    expect(summary.journeyErrors, context).toEqual([]);
    expect(summary.answersLost, context).toBe(0);
    expect(summary.proposalsInWrongState, context).toBe(0);
    expect(summary.stuckChecks, context).toBe(0);
    expect(summary.checksMarkedOverdue, context).toBeGreaterThan(0);
    expect(summary.overdueNoticesMissing, context).toBe(0);
    expect(summary.adjournmentsNotFollowed, context).toBe(0);
    expect(summary.addressVersionsWrong, context).toBe(0);
    expect(summary.duplicateMessages, context).toBe(0);
    expect(summary.duplicateOutboxMessages, context).toBe(0);
    expect(summary.messagesNotDelivered, context).toBe(0);
    expect(summary.strayNotifications, context).toBe(0);
    expect(summary.failedExecutions, context).toBe(0);
    expect(summary.apiMismatches, context).toBe(0);
    expect(summary.problems, context).toEqual([]);
    expect(summary.passed).toBe(true);
  }, 180_000);
});
