/**
 * `npm run reliability:load`: a bounded load run on loopback (docs/reliability.md, section 4).
 *
 * The stack runs in a child process (test/bench/stack-process.ts) so its memory is its own. Two
 * equal batches of proposals are driven end to end by the shared load driver
 * (test/support/load-driver.ts): all of a batch in flight at once, simulated police, children's
 * services and residents answering through their links, the officer deciding. Memory is sampled
 * every second throughout, and after each batch, once the stack is idle, after a full GC.
 *
 * "No unbounded growth", defined before it was measured: after the second batch, the stack's Node
 * heap in use (after a full GC) and its Node resident memory are each within 20% of what they were
 * after the first. DynamoDB Local (a JVM, holding the table in memory by design) grows with the data
 * it stores: its resident memory is reported, not judged.
 *
 * Then the unpaced burst: that many starts sent at the same moment, every one answered and decided
 * like the others. It must slow down and never fail (the local stack queues each function's
 * invocations at its concurrency limit and throttles workflow steps, which the workflow's Retry
 * carries on). It comes after the batches, so the growth between batches is judged without it.
 *
 * Options (environment): LOAD_PROPOSALS (per batch, default 500), LOAD_HTTP_CONCURRENCY (default 32),
 * LOAD_BURST (starts at once after the batches, default 1000; 0: none).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { apiClient } from '../support/api-client.ts';
import { percentiles, runLoad, type LoadError, type Percentiles } from '../support/load-driver.ts';
import { sampleMemory, startStackProcess, waitUntilIdle } from '../bench/stack-process.ts';

export const allowedGrowth = 0.2;

export interface BatchReport {
  batch: number;
  /** Every start sent at once (the unpaced burst). */
  burst: boolean;
  proposals: number;
  completed: number;
  errors: LoadError[];
  /** Proposals not driven to a decision. */
  failed: number;
  /** Every workflow so far (this batch and those before), once this batch was done. */
  workflows: { failed: number; running: number };
  durationMs: number;
  requests: number;
  answerLatencyMs: Percentiles;
  /** After the batch, the stack idle, after a full GC in the stack process. */
  after: { nodeRssBytes: number; heapUsedBytes: number; dynamoDbLocalRssBytes: number };
}

export interface LoadHarnessReport {
  date: string;
  machine: { cpus: number; model: string; node: string };
  proposalsPerBatch: number;
  httpConcurrency: number;
  batches: BatchReport[];
  /** The unpaced burst after the batches, if one was asked for. */
  burst?: BatchReport & { throttled: Record<string, number> };
  peak: { nodeRssBytes: number; dynamoDbLocalRssBytes: number; totalRssBytes: number; heapUsedBytes: number };
  samples: { atMs: number; nodeRssBytes: number; descendantsRssBytes: number; heapUsedBytes: number }[];
  growth: { heapUsed: number; nodeRss: number; allowed: number };
  errors: number;
  bounded: boolean;
  passed: boolean;
}

export async function runLoadHarness(options: { proposalsPerBatch: number; batches?: number; httpConcurrency?: number; burst?: number; log?: (line: string) => void }): Promise<LoadHarnessReport> {
  const log = options.log ?? (() => undefined);
  const batches = options.batches ?? 2;
  const httpConcurrency = options.httpConcurrency ?? 32;
  const stack = await startStackProcess();
  try {
    const api = apiClient(stack.url);
    const sampler = sampleMemory(stack, 1_000);
    const reports: BatchReport[] = [];
    const runs = [...Array.from({ length: batches }, () => ({ proposals: options.proposalsPerBatch, burst: false })), ...((options.burst ?? 0) > 0 ? [{ proposals: options.burst ?? 0, burst: true }] : [])];
    for (const [index, run] of runs.entries()) {
      const batch = index + 1;
      log(run.burst ? `burst: ${run.proposals} starts at once, unpaced` : `batch ${batch}: ${run.proposals} proposals in flight, ${httpConcurrency} requests at most at once`);
      const result = await runLoad({
        baseUrl: stack.url,
        api,
        proposals: run.proposals,
        burst: run.burst,
        httpConcurrency,
        stepFunctionsEndpoint: stack.stepFunctionsEndpoint,
        onProgress: ({ completed, failed, proposals }) => {
          if ((completed + failed) % Math.max(1, Math.floor(proposals / 10)) === 0) log(`  ${completed + failed}/${proposals} (${failed} failed)`);
        },
      });
      for (const error of result.errors.slice(0, 5)) log(`  error: ${error.endpoint}${error.status === undefined ? '' : ` ${error.status}`}: ${error.message}`);
      await waitUntilIdle(stack);
      const node = await stack.nodeMemory(true);
      const resident = stack.residentMemory();
      reports.push({
        batch,
        burst: run.burst,
        proposals: result.proposals,
        completed: result.completed,
        errors: result.errors,
        failed: result.failed,
        workflows: result.workflows ?? { failed: 0, running: 0 },
        durationMs: result.durationMs,
        requests: result.requests,
        answerLatencyMs: percentiles(result.latencies.answer),
        after: { nodeRssBytes: node.rss, heapUsedBytes: node.heapUsed, dynamoDbLocalRssBytes: resident.descendantsRssBytes },
      });
      log(`  done in ${(result.durationMs / 1000).toFixed(1)} s, ${result.errors.length} errors; after GC: heap ${mb(node.heapUsed)} MiB, RSS ${mb(node.rss)} MiB, DynamoDB Local ${mb(resident.descendantsRssBytes)} MiB`);
    }
    const memory = await sampler.stop();
    const burstReport = reports.find((report) => report.burst);
    const paced = reports.filter((report) => !report.burst);
    const first = paced[0] as BatchReport;
    const last = paced.at(-1) as BatchReport;
    const final = reports.at(-1) as BatchReport;
    const growth = { heapUsed: last.after.heapUsedBytes / first.after.heapUsedBytes - 1, nodeRss: last.after.nodeRssBytes / first.after.nodeRssBytes - 1, allowed: allowedGrowth };
    // Proposals not driven to a decision, and workflows (counted once, after the last batch) that failed or never ended.
    const errors = reports.reduce((sum, report) => sum + report.failed, 0) + final.workflows.failed + final.workflows.running;
    const bounded = growth.heapUsed <= allowedGrowth && growth.nodeRss <= allowedGrowth;
    return {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
      proposalsPerBatch: options.proposalsPerBatch,
      httpConcurrency,
      batches: paced,
      ...(burstReport === undefined ? {} : { burst: { ...burstReport, throttled: await stack.throttled() } }),
      peak: { nodeRssBytes: memory.peakNodeRssBytes, dynamoDbLocalRssBytes: memory.peakDescendantsRssBytes, totalRssBytes: memory.peakTotalRssBytes, heapUsedBytes: memory.peakHeapUsedBytes },
      samples: memory.samples.map(({ atMs, nodeRssBytes, descendantsRssBytes, heapUsedBytes }) => ({ atMs, nodeRssBytes, descendantsRssBytes, heapUsedBytes })),
      growth,
      errors,
      bounded,
      passed: errors === 0 && bounded,
    };
  } finally {
    await stack.stop();
  }
}

export function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

function formatReport(report: LoadHarnessReport): string {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  return [
    '',
    `Load: ${report.batches.length} batches of ${report.proposalsPerBatch} proposals in flight, at most ${report.httpConcurrency} requests at once (plus one outbox poller)`,
    ...report.batches.map(
      (batch) =>
        `  batch ${batch.batch}: ${batch.completed}/${batch.proposals} completed, ${batch.errors.length} errors, ${(batch.durationMs / 1000).toFixed(1)} s, ${batch.requests} requests, answer p50 ${batch.answerLatencyMs.p50.toFixed(0)} ms p95 ${batch.answerLatencyMs.p95.toFixed(0)} ms; after GC heap ${mb(batch.after.heapUsedBytes)} MiB, Node RSS ${mb(batch.after.nodeRssBytes)} MiB, DynamoDB Local RSS ${mb(batch.after.dynamoDbLocalRssBytes)} MiB`,
    ),
    ...(report.burst === undefined
      ? []
      : [
          `  burst: ${report.burst.proposals} starts at once: ${report.burst.completed}/${report.burst.proposals} completed, ${report.burst.errors.length} errors, ${(report.burst.durationMs / 1000).toFixed(1)} s; ${Object.values(report.burst.throttled).reduce((sum, count) => sum + count, 0)} workflow steps throttled and retried`,
        ]),
    `  peak: Node RSS ${mb(report.peak.nodeRssBytes)} MiB, DynamoDB Local RSS ${mb(report.peak.dynamoDbLocalRssBytes)} MiB, total ${mb(report.peak.totalRssBytes)} MiB, heap ${mb(report.peak.heapUsedBytes)} MiB`,
    `  growth from batch 1 to batch ${report.batches.length}: heap ${pct(report.growth.heapUsed)}, Node RSS ${pct(report.growth.nodeRss)} (allowed ${pct(report.growth.allowed)} each)`,
    `  ${report.passed ? 'PASSED' : 'FAILED'}: ${report.errors} errors, memory ${report.bounded ? 'bounded' : 'grew beyond the bound'}`,
    '',
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const proposalsPerBatch = Number(process.env.LOAD_PROPOSALS ?? 500);
  const httpConcurrency = Number(process.env.LOAD_HTTP_CONCURRENCY ?? 32);
  const burst = Number(process.env.LOAD_BURST ?? 1000);
  const report = await runLoadHarness({ proposalsPerBatch, httpConcurrency, burst, log: (line) => process.stdout.write(`${line}\n`) });
  const resultsDir = path.join(import.meta.dirname, '..', 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'load-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(formatReport(report));
  process.stdout.write(`Every figure: ${path.relative(process.cwd(), path.join(resultsDir, 'load-latest.json'))}\n`);
  process.exitCode = report.passed ? 0 : 1;
}
