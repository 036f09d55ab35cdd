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
  it('bundles three functions with the stack\'s options and times their import, and a page\'s first render, in fresh processes', async () => {
    const report = await measureColdStarts({ functions: 3, runs: 2, firstRenders: ['start.njk'] });

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
    expect(report.firstRenders.map((render) => render.template)).toEqual(['start.njk']);
    for (const render of report.firstRenders) {
      expect(render.firstRenderRunsMs).toHaveLength(2);
      expectPositive({ firstRenderMs: render.firstRenderMs, warmRenderMs: render.warmRenderMs, ...Object.fromEntries(render.firstRenderRunsMs.map((ms, run) => [`first render ${run + 1}`, ms])) });
    }
    expectPositive({
      largestZippedBytes: report.summary.largestZippedBytes,
      medianZippedBytes: report.summary.medianZippedBytes,
      slowestLoadMs: report.summary.slowestLoadMs,
      medianLoadMs: report.summary.medianLoadMs,
      medianOfFastestLoadMs: report.summary.medianOfFastestLoadMs,
    });
  });

  it("counts the cold starts a person's typical journey meets, from the registry's routes, and sums their loads and first renders", () => {
    const [officer, recipient] = journeyColdStarts([]);
    // Signing in (with Cognito's token trigger), My proposals, the start form, the proposal, its update check, the decision.
    expect(officer?.functions).toEqual(['pre-token-generation', 'home-page', 'sign-in', 'sign-in-callback', 'my-proposals-page', 'start-checks-page', 'proposal-page', 'proposal-changes', 'record-decision-page']);
    expect(recipient?.functions).toEqual(['open-link', 'get-link-request', 'answer-link-request']);
    // Each function's first page, once: the start form's later pages are rendered warm.
    expect(officer?.firstPages).toEqual([
      { function: 'home-page', template: 'start.njk' },
      { function: 'my-proposals-page', template: 'staff/my-proposals.njk' },
      { function: 'start-checks-page', template: 'staff/start-hearing.njk' },
      { function: 'proposal-page', template: 'staff/proposal.njk' },
    ]);
    expect(recipient?.firstPages).toEqual([
      { function: 'get-link-request', template: 'link/agency.njk' },
      { function: 'answer-link-request', template: 'link/agency-sent.njk' },
    ]);
    // Not every function measured: no total is made up.
    expect(officer?.totalLoadMs).toBeUndefined();
    expect(officer?.totalColdStartMs).toBeUndefined();
    const measured = ['open-link', 'get-link-request', 'answer-link-request'].map((name, index) => ({ name, loadMs: 100 + index }));
    expect(journeyColdStarts(measured)[1]?.totalLoadMs).toBe(303);
    expect(journeyColdStarts(measured)[1]?.totalColdStartMs).toBeUndefined();
    const renders = [{ template: 'link/agency.njk', firstRenderMs: 20 }, { template: 'link/agency-sent.njk', firstRenderMs: 10 }];
    expect(journeyColdStarts(measured, renders)[1]).toMatchObject({ totalLoadMs: 303, totalFirstRenderMs: 30, totalColdStartMs: 333 });
  });
});
