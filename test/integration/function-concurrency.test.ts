import { describe, expect, it } from 'vitest';
import { runLoad } from '../support/load-driver.ts';
import { useLocalStack } from '../support/local-stack.ts';

// One invocation of each function at a time, and a workflow task that finds its function busy is
// throttled at once: the harshest the local stack can be, so that the workflow's Retry is what
// carries every proposal through (infra/local/function-concurrency.ts).
const { stack } = useLocalStack({ concurrencyLimits: { perFunction: 1, workflowWaitMs: 0 }, linkRequestsPerMinute: 1_000_000 });

describe('a burst of starts on the local stack', () => {
  it('slows down instead of failing: throttled workflow steps are retried, and every proposal is decided', async () => {
    const result = await runLoad({ baseUrl: stack.url, proposals: 6, burst: true, measureVisibility: false, stepFunctionsEndpoint: stack.stepFunctionsEndpoint });

    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ completed: 6, failed: 0, workflows: { failed: 0, running: 0 } });
    // Six starts at once against one slot per function: the workflow's steps met the limit, and were retried.
    const throttled = stack.throttled();
    expect(Object.values(throttled).reduce((sum, count) => sum + count, 0), JSON.stringify(throttled)).toBeGreaterThan(0);
  }, 120_000);
});
