import { describe, expect, it } from 'vitest';
import { runLoadHarness } from './load-harness.ts';

/**
 * `npm run reliability:load` in miniature: two batches of 10 proposals in flight against a stack in
 * its own process, then a burst of 10 starts at once, every one driven to a decision with no error,
 * and the memory figures that judge growth produced. Whether memory stays bounded is judged by the full run (500 per batch): at 10,
 * the noise of a shared machine is larger than any growth.
 */
describe('the load harness, in miniature', () => {
  it('drives two batches of proposals and an unpaced burst end to end with 0 errors and measures memory after each', async () => {
    const report = await runLoadHarness({ proposalsPerBatch: 10, httpConcurrency: 16, burst: 10 });
    expect(report.batches.map((batch) => batch.errors)).toEqual([[], []]);
    expect(report.batches.map((batch) => batch.completed)).toEqual([10, 10]);
    expect(report.burst).toMatchObject({ burst: true, proposals: 10, completed: 10, errors: [], workflows: { failed: 0, running: 0 } });
    expect(report.errors).toBe(0);
    for (const batch of report.batches) {
      expect(batch.after.heapUsedBytes).toBeGreaterThan(0);
      expect(batch.after.nodeRssBytes).toBeGreaterThan(batch.after.heapUsedBytes);
      expect(batch.after.dynamoDbLocalRssBytes).toBeGreaterThan(0);
    }
    expect(report.samples.length).toBeGreaterThan(0);
    expect(Number.isFinite(report.growth.heapUsed)).toBe(true);
    expect(Number.isFinite(report.growth.nodeRss)).toBe(true);
    expect(report.bounded).toBe(report.growth.heapUsed <= report.growth.allowed && report.growth.nodeRss <= report.growth.allowed);
  }, 180_000);
});
