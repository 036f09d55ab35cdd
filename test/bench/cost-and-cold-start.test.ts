import { describe, expect, it } from 'vitest';
import { useLocalStack } from '../support/local-stack.ts';
import { journeyColdStarts, measureColdStarts } from './cold-start.ts';
import { measureCost } from './cost.ts';

/**
 * The benchmark's measurements on a tiny scale, inside `npm test`: every figure is produced and is
 * a positive, finite number. Targets are not asserted here (timings on a shared machine are noise);
 * `npm run bench` reports them.
 */

function expectPositive(figures: Record<string, number>): void {
  for (const [name, value] of Object.entries(figures)) {
    expect(Number.isFinite(value) && value > 0, `${name} = ${value}`).toBe(true);
  }
}

describe('the cost of a completed proposal', () => {
  const { stack } = useLocalStack();

  it('counts transitions, invocations, capacity and requests for two proposals and prices them', async () => {
    const report = await measureCost({ stack, proposals: 2 });

    expect(report.proposals).toBe(2);
    expect(report.mix).toMatchObject({ withConcern: 1, residents: 3, countersigned: 1 });
    expect(report.transitionsPerExecution).toHaveLength(2);
    expectPositive(Object.fromEntries(report.transitionsPerExecution.map((count, index) => [`transitions of execution ${index + 1}`, count])));
    const { textMessages, ...usage } = report.perProposal;
    expect(textMessages).toBe(0);
    expectPositive(usage);
    expectPositive(report.modelledDeliveryPerProposal);
    expectPositive(report.costPerProposalUsd);
    expectPositive(report.costPerYearUsd);
    expectPositive({ memorySizeMb: report.memorySizeMb, ratio: report.target.ratio });
    expect(Number.isFinite(report.target.differenceUsd)).toBe(true);
    expect(report.costPerYearUsd.total).toBeCloseTo(report.costPerProposalUsd.total * 100_000, 6);
    for (const [name, { invocationsPerProposal, meanMs }] of Object.entries(report.byFunction)) {
      expectPositive({ [`${name} invocations`]: invocationsPerProposal, [`${name} mean ms`]: meanMs });
    }
    for (const name of ['create-proposal', 'submit-response', 'record-decision', 'countersign-decision', 'plan-checks', 'assess-checks']) {
      expect(Object.keys(report.byFunction)).toContain(name);
    }
  });
});

describe('the size and load time of the deployed bundles', () => {
  it('bundles three functions with the stack\'s options and times their import in fresh processes', async () => {
    const report = await measureColdStarts({ functions: 3, runs: 2 });

    expect(report.functions).toHaveLength(3);
    expect(report.esbuildOptions).toMatchObject({ platform: 'node', format: 'esm', minify: true });
    for (const measurement of report.functions) {
      expect(measurement.loadRunsMs).toHaveLength(2);
      expectPositive({
        bundleBytes: measurement.bundleBytes,
        sourceMapBytes: measurement.sourceMapBytes,
        zippedBytes: measurement.zippedBytes,
        zippedCodeOnlyBytes: measurement.zippedCodeOnlyBytes,
        loadMs: measurement.loadMs,
        loadMsMin: measurement.loadMsMin,
        ...Object.fromEntries(measurement.loadRunsMs.map((ms, run) => [`run ${run + 1}`, ms])),
        ...Object.fromEntries(measurement.largest.map((share) => [share.name, share.bytes])),
      });
      expect(measurement.zippedBytes).toBeLessThan(measurement.bundleBytes + measurement.sourceMapBytes);
    }
    expectPositive({
      largestZippedBytes: report.summary.largestZippedBytes,
      medianZippedBytes: report.summary.medianZippedBytes,
      slowestLoadMs: report.summary.slowestLoadMs,
      medianLoadMs: report.summary.medianLoadMs,
      medianOfFastestLoadMs: report.summary.medianOfFastestLoadMs,
    });
  });

  it("counts the cold starts a person's typical journey meets, from the registry's routes, and sums their loads", () => {
    const [officer, recipient] = journeyColdStarts([]);
    // Signing in (with Cognito's token trigger), My proposals, the start form, the proposal, its update check, the decision.
    expect(officer?.functions).toEqual(['pre-token-generation', 'home-page', 'sign-in', 'sign-in-callback', 'my-proposals-page', 'start-checks-page', 'proposal-page', 'proposal-changes', 'record-decision-page']);
    expect(recipient?.functions).toEqual(['open-link', 'get-link-request', 'answer-link-request']);
    // Not every function measured: no total is made up.
    expect(officer?.totalLoadMs).toBeUndefined();
    const measured = ['open-link', 'get-link-request', 'answer-link-request'].map((name, index) => ({ name, loadMs: 100 + index }));
    expect(journeyColdStarts(measured)[1]?.totalLoadMs).toBe(303);
  });
});
