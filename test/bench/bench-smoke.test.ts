import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateTargets, runBench, writeResults, type BenchResults } from './run-bench.ts';
import type { ColdStartReport } from './cold-start.ts';
import type { LatencyReport } from './latency.ts';
import type { ScaleLevel } from './scale.ts';

/**
 * The benchmark in miniature, so it cannot rot: every phase runs against a real stack (in its own
 * process) and produces every figure, with no error. The figures themselves are judged by
 * `npm run bench` against its targets, never here: a shared test machine says nothing about them.
 */
describe('npm run bench, in miniature', () => {
  it('measures latency against the storage floor, scale, time to visible and memory, with 0 errors', async () => {
    // The scale phase as the unpaced burst alone: the same measurement as a paced level (whose pacing
    // the load harness's miniature runs), one stack fewer to start inside npm test's 10 minutes.
    const results = await runBench({
      levels: [],
      burst: 3,
      latencySamples: 4,
      latencyConcurrency: 2,
      httpConcurrency: 8,
      costProposals: 1,
      coldStart: { functions: 1, runs: 1 },
      performanceView: { courts: 3, proposals: 60, samples: 2 },
    });
    expect(results.latency.errors).toEqual([]);
    expect(results.errors).toBe(0);

    for (const endpoint of ['startChecks', 'answer', 'readProposal', 'courtList'] as const) {
      const figures = results.latency.endpoints[endpoint];
      expect(figures.count, endpoint).toBe(4);
      for (const value of [figures.p50, figures.p95, figures.p99, results.latency.ratioToFloor[endpoint].p50, results.latency.ratioToFloor[endpoint].p95]) {
        expect(Number.isFinite(value) && value > 0, endpoint).toBe(true);
      }
    }
    // The floor replays what one answer was recorded sending to DynamoDB: reads, then the one transaction.
    expect(results.latency.floor.profile).toMatch(/TransactWriteItems\(\d+ items\)/);
    expect(results.latency.floor.reads).toBeGreaterThan(0);
    expect(results.latency.floor.writes).toBeGreaterThan(0);
    expect(results.latency.floor.latencyMs.count).toBe(4);
    expect(results.latency.floor.latencyMs.p50).toBeGreaterThan(0);
    // The whole journey's floor: everything one proposal sends, from the start to the decision and its messages.
    const journey = results.latency.journeyFloor;
    expect(journey.reads).toBeGreaterThan(results.latency.floor.reads);
    expect(journey.writes).toBeGreaterThan(results.latency.floor.writes);
    expect(journey.profile).toMatch(/TransactWriteItems \(\d+ items\)/);
    expect(journey.latencyMs.count).toBe(4);
    expect(journey.perSecond).toBeGreaterThan(0);

    // The unpaced burst: every start sent at once, each proposal then answered, seen and decided.
    const [level, ...others] = results.scale;
    expect(others).toEqual([]);
    expect(level).toMatchObject({ inFlight: 3, burst: true, completed: 3, errorCount: 0, errors: [] });
    expect(level?.throttled).toBeTypeOf('object');
    expect(level?.completionMs).toBeGreaterThan(0);
    expect(level?.latencyMs.startChecks.count).toBe(3);
    expect(level?.timeToVisibleMs.proposalView.count).toBe(3);
    expect(level?.timeToVisibleMs.courtList.count).toBe(3);
    expect(level?.workflowAfterLastAnswerMs.count).toBe(3);
    expect(level?.lastAnswerToAwaitingDecisionMs.count).toBe(3);
    expect(level?.latencyMs.decision.count).toBe(3);
    expect(level?.peakMemoryBytes.nodeRss).toBeGreaterThan(0);
    expect(level?.peakMemoryBytes.dynamoDbLocalRss).toBeGreaterThan(0);
    expect(level?.peakMemoryBytes.nodeHeapUsed).toBeGreaterThan(0);
    expect(results.targets.map((target) => target.target)).toHaveLength(11);
    // Cost and cold start are another piece of work's figures: here only that the bench carries them.
    expect(results.cost.proposals).toBe(1);
    expect(results.cost.costPerProposalUsd.total).toBeGreaterThan(0);
    expect(results.coldStarts.functions).toHaveLength(1);
    // The P&Q view at a region's scale, in miniature: timed for a quarter and a year, priced per proposal.
    expect(results.performanceView.viewMs.year.count).toBe(2);
    expect(results.performanceView.httpMs.quarter.count).toBe(2);
    expect(results.performanceView.counterItems).toBeGreaterThan(0);
    expect(results.performanceView.cost.usdPerProposal).toBeGreaterThan(0);

    const directory = mkdtempSync(path.join(tmpdir(), 'bench-smoke-'));
    try {
      const written = writeResults(results, directory);
      expect((JSON.parse(readFileSync(written.json, 'utf8')) as BenchResults).scale[0]?.completed).toBe(3);
      const table = readFileSync(written.markdown, 'utf8');
      for (const heading of ['Start checks', 'Answer a check', 'Read a proposal', 'Court list', 'Storage floor', "whole journey", 'whole-journey floor', 'In flight', '(burst: all started at once)', 'Throttled and retried', 'Cost per completed proposal', 'Cold start', 'Cold starts on a quiet morning', 'Performance and quality view', 'Keeping the counts on AWS', 'Targets']) {
        expect(table).toContain(heading);
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 180_000);

  it('says by how much a target is missed', () => {
    const figures = (p50: number, p95: number) => ({ count: 1, p50, p95, p99: p95, max: p95 });
    const latency = {
      endpoints: { answer: figures(50, 60), startChecks: figures(40, 50), courtList: figures(20, 30) },
      floor: { latencyMs: figures(10, 12) },
      journeyFloor: { perSecond: 10 },
      ratioToFloor: { answer: { p50: 5, p95: 5 }, startChecks: { p50: 4, p95: 4 }, courtList: { p50: 2, p95: 2 } },
    } as unknown as LatencyReport;
    const level = (inFlight: number, errorCount: number, visibleP95: number, options: { proposalsPerSecond?: number; workflowP95?: number; burst?: boolean } = {}) =>
      ({
        inFlight,
        burst: options.burst ?? false,
        throttled: { 'plan-checks': 3 },
        completed: inFlight - errorCount,
        errorCount,
        completionMs: 1000,
        proposalsPerSecond: options.proposalsPerSecond ?? 6,
        timeToVisibleMs: { proposalView: figures(1, visibleP95), courtList: figures(1, 100) },
        workflowAfterLastAnswerMs: figures(1, options.workflowP95 ?? 100),
        lastAnswerToAwaitingDecisionMs: figures(1, 2_500),
      }) as unknown as ScaleLevel;
    const coldStarts = { functions: 45, medianLoadMs: 120, slowestLoadMs: 190, allUnderLoadTarget: false, overLoad: [{ name: 'a', overByMs: 40 }, { name: 'b', overByMs: 10 }] } as unknown as ColdStartReport['summary'];
    const missed = evaluateTargets(latency, [level(200, 0, 600, { proposalsPerSecond: 4, workflowP95: 1_500 }), level(1000, 2, 1_200, { workflowP95: 1_000 }), level(1000, 1, 0, { burst: true })], coldStarts);
    expect(missed.map((target) => [target.met, target.missedBy])).toEqual([
      [false, '1.00× over, p50 10.0 ms too slow'],
      [false, '1.00× over, p50 10.0 ms too slow'],
      [true, undefined],
      [false, '100 ms (20%) over'],
      [false, '200 ms (20%) over'],
      [false, '500 ms (50%) over'],
      [true, undefined],
      [false, '0.10× short, 1.00 proposals/s'],
      [false, '2 errors'],
      [false, '1 error'],
      [false, '2 functions over, by up to 40 ms'],
    ]);
    expect(missed[5]?.measured).toBe('1500 ms (as the officer polling saw it: 2500 ms)');
    expect(missed[9]?.measured).toContain('3 invocations throttled and retried');
    // A burst is never mistaken for the paced level of the same size, and what a run did not measure says so.
    const onlyBurst = evaluateTargets(latency, [level(1000, 0, 0, { burst: true })]);
    expect(onlyBurst.filter((target) => target.met === null).map((target) => target.measured)).toEqual([
      'a level of 200 in flight not in this run',
      'a level of 1000 in flight not in this run',
      'a level of 200 in flight not in this run',
      'a level of 1000 in flight not in this run',
      'a level of 200 in flight not in this run',
      'a level of 1000 in flight not in this run',
      'module loads not in this run',
    ]);
    expect(onlyBurst[9]?.met).toBe(true);
  });
});
