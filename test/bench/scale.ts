import { percentiles, runLoad, type Endpoint, type LoadError, type Percentiles } from '../support/load-driver.ts';
import { sampleMemory, startStackProcess } from './stack-process.ts';

/**
 * Throughput and scale: for each level, a fresh stack (in its own process) and that many proposals
 * in flight at once, driven end to end by the shared load driver: officers start them all (16 at a
 * time, each waiting for its requests to be sent), then, with all of them waiting for answers, the
 * police, children's services and one resident answer through their links and the officer
 * decides. Completion time is from the first request to the last decision; memory is sampled every
 * second (the Node stack process and DynamoDB Local's JVM); time to visible is measured after every
 * police answer. Then, with `burst`, the unpaced burst: that many starts sent at the same moment,
 * then answered and decided like the others; it must slow down (the local stack queues each
 * function's invocations at its concurrency limit) and never fail.
 */
export interface ScaleLevel {
  inFlight: number;
  /** Every start sent at once (the unpaced burst), instead of 16 officers one after another. */
  burst: boolean;
  /** Invocations throttled at a function's concurrency limit and retried by the workflow, by function. */
  throttled: Record<string, number>;
  httpConcurrency: number;
  /** Officers starting proposals at once (each waits for its requests to be sent). */
  startConcurrency: number;
  /** Starting every proposal, then answering and deciding with all of them in flight. */
  phasesMs: { start: number; answerAndDecide: number };
  completed: number;
  errors: LoadError[];
  /** Proposals not driven to a decision, plus workflows that failed or were still running after the run. */
  errorCount: number;
  completionMs: number;
  proposalsPerSecond: number;
  requests: number;
  latencyMs: Record<Endpoint, Percentiles>;
  timeToVisibleMs: { proposalView: Percentiles; courtList: Percentiles };
  /** Last answer's POST returning to the officer seeing the proposal AWAITING_DECISION (the workflow, plus their polling). */
  lastAnswerToAwaitingDecisionMs: Percentiles;
  /** The workflow's own latency, from the stack's stored times: last answer recorded to the checks found complete. */
  workflowAfterLastAnswerMs: Percentiles;
  peakMemoryBytes: { nodeRss: number; dynamoDbLocalRss: number; totalRss: number; nodeHeapUsed: number };
}

export async function measureScale(options: { levels: readonly number[]; httpConcurrency: number; burst?: number; log?: (line: string) => void }): Promise<ScaleLevel[]> {
  const log = options.log ?? (() => undefined);
  const levels: ScaleLevel[] = [];
  const runs = [...options.levels.map((inFlight) => ({ inFlight, burst: false })), ...(options.burst === undefined || options.burst <= 0 ? [] : [{ inFlight: options.burst, burst: true }])];
  for (const { inFlight, burst } of runs) {
    const stack = await startStackProcess();
    try {
      const sampler = sampleMemory(stack, 1_000);
      log(burst ? `burst: ${inFlight} starts at once, unpaced` : `scale: ${inFlight} proposals in flight, at most ${options.httpConcurrency} requests at once`);
      const result = await runLoad({
        baseUrl: stack.url,
        proposals: inFlight,
        burst,
        httpConcurrency: options.httpConcurrency,
        stepFunctionsEndpoint: stack.stepFunctionsEndpoint,
        onProgress: ({ completed, failed, proposals }) => {
          if ((completed + failed) % Math.max(1, Math.floor(proposals / 5)) === 0) log(`  ${completed + failed}/${proposals} (${failed} failed)`);
        },
      });
      const memory = await sampler.stop();
      const throttled = await stack.throttled();
      const latencyMs = Object.fromEntries(Object.entries(result.latencies).map(([endpoint, values]) => [endpoint, percentiles(values)])) as Record<Endpoint, Percentiles>;
      // Proposals not driven to a decision, and workflows that failed or never ended.
      const errorCount = result.failed + (result.workflows?.failed ?? 0) + (result.workflows?.running ?? 0);
      levels.push({
        inFlight,
        burst,
        throttled,
        httpConcurrency: result.httpConcurrency,
        startConcurrency: result.startConcurrency,
        phasesMs: result.phasesMs,
        completed: result.completed,
        errors: result.errors.slice(0, 20),
        errorCount,
        completionMs: result.durationMs,
        proposalsPerSecond: result.completed / (result.durationMs / 1000),
        requests: result.requests,
        latencyMs,
        timeToVisibleMs: { proposalView: percentiles(result.visibility.proposalView), courtList: percentiles(result.visibility.courtList) },
        lastAnswerToAwaitingDecisionMs: percentiles(result.workflowToDecision),
        workflowAfterLastAnswerMs: percentiles(result.workflowAfterLastAnswer),
        peakMemoryBytes: { nodeRss: memory.peakNodeRssBytes, dynamoDbLocalRss: memory.peakDescendantsRssBytes, totalRss: memory.peakTotalRssBytes, nodeHeapUsed: memory.peakHeapUsedBytes },
      });
      log(`  ${result.completed}/${inFlight} completed in ${(result.durationMs / 1000).toFixed(1)} s, ${errorCount} errors, peak stack RSS ${(memory.peakTotalRssBytes / 1024 / 1024).toFixed(0)} MiB`);
    } finally {
      await stack.stop();
    }
  }
  return levels;
}
