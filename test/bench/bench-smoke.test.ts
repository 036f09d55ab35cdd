import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateTargets, runBench, writeResults, type BenchResults } from './run-bench.ts';
import type { LatencyReport } from './latency.ts';
import type { ScaleLevel } from './scale.ts';

/**
 * The benchmark in miniature, so it cannot rot: every phase runs against a real stack (in its own
 * process) and produces every figure, with no error. The figures themselves are judged by
 * `npm run bench` against its targets, never here: a shared test machine says nothing about them.
 */
describe('npm run bench, in miniature', () => {
  it('measures latency against the storage floor, scale, time to visible and memory, with 0 errors', async () => {
    const results = await runBench({ levels: [2], latencySamples: 4, latencyConcurrency: 2, httpConcurrency: 8, costProposals: 1, coldStart: { functions: 1, runs: 1 } });
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

    const [level] = results.scale;
    expect(level).toMatchObject({ inFlight: 2, completed: 2, errorCount: 0, errors: [] });
    expect(level?.completionMs).toBeGreaterThan(0);
    expect(level?.timeToVisibleMs.proposalView.count).toBe(2);
    expect(level?.timeToVisibleMs.courtList.count).toBe(2);
    expect(level?.latencyMs.decision.count).toBe(2);
    expect(level?.peakMemoryBytes.nodeRss).toBeGreaterThan(0);
    expect(level?.peakMemoryBytes.dynamoDbLocalRss).toBeGreaterThan(0);
    expect(level?.peakMemoryBytes.nodeHeapUsed).toBeGreaterThan(0);
    expect(results.targets.map((target) => target.target)).toHaveLength(4);
    // Cost and cold start are another piece of work's figures: here only that the bench carries them.
    expect(results.cost.proposals).toBe(1);
    expect(results.cost.costPerProposalUsd.total).toBeGreaterThan(0);
    expect(results.coldStarts.functions).toHaveLength(1);

    const directory = mkdtempSync(path.join(tmpdir(), 'bench-smoke-'));
    try {
      const written = writeResults(results, directory);
      expect((JSON.parse(readFileSync(written.json, 'utf8')) as BenchResults).scale[0]?.completed).toBe(2);
      const table = readFileSync(written.markdown, 'utf8');
      for (const heading of ['Start checks', 'Answer a check', 'Read a proposal', 'Court list', 'Storage floor', "whole journey", 'whole-journey floor', 'In flight', 'Cost per completed proposal', 'Cold start', 'Cold starts on a quiet morning', 'Targets']) {
        expect(table).toContain(heading);
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 180_000);

  it('says by how much a target is missed', () => {
    const figures = (p50: number, p95: number) => ({ count: 1, p50, p95, p99: p95, max: p95 });
    const latency = {
      endpoints: { answer: figures(50, 60) },
      floor: { latencyMs: figures(10, 12) },
      journeyFloor: { perSecond: 10 },
      ratioToFloor: { answer: { p50: 5, p95: 5 } },
    } as unknown as LatencyReport;
    const level = (inFlight: number, errorCount: number, visibleP95: number, proposalsPerSecond = 6) =>
      ({ inFlight, completed: inFlight - errorCount, errorCount, completionMs: 1000, proposalsPerSecond, timeToVisibleMs: { proposalView: figures(1, visibleP95), courtList: figures(1, 100) } }) as unknown as ScaleLevel;
    const [answer, visible, throughput, scale] = evaluateTargets(latency, [level(200, 0, 600, 4), level(1000, 2, 100)]);
    expect(answer).toMatchObject({ met: false, missedBy: '1.00× over, answer p50 10.0 ms too slow' });
    expect(visible).toMatchObject({ met: false, missedBy: '100 ms (20%) over' });
    expect(throughput).toMatchObject({ met: false, measured: '4.00 / 10.00 proposals/s = 0.40×', missedBy: '0.10× short, 1.00 proposals/s' });
    expect(scale).toMatchObject({ met: false, missedBy: '2 errors' });
    expect(evaluateTargets({ ...latency, ratioToFloor: { answer: { p50: 3, p95: 3 } } } as unknown as LatencyReport, [level(200, 0, 499), level(1000, 0, 100)]).map((target) => target.met)).toEqual([true, true, true, true]);
  });
});
