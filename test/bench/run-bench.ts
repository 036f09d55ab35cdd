/**
 * `npm run bench`: latency of the staff and link endpoints against the storage floor, time to
 * visible, throughput and memory at increasing numbers of proposals in flight (issue 7). Prints a
 * table at the end and writes every figure to test/bench/results/latest.json (and the table to
 * latest.md). How to read them: docs/benchmarks.md.
 *
 * Options (environment):
 *   BENCH_LEVELS               proposals in flight, comma-separated (default 50,200,1000)
 *   BENCH_LATENCY_SAMPLES      requests per endpoint in the latency phase (default 400)
 *   BENCH_LATENCY_CONCURRENCY  requests open at once in the latency phase (default 8)
 *   BENCH_HTTP_CONCURRENCY     requests open at once in the scale phase (default 32)
 *   BENCH_COST_PROPOSALS       proposals whose AWS cost is measured (default 20; test/bench/cost.ts)
 *   BENCH_RESULTS_DIR          where to write latest.json and latest.md (default test/bench/results)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startLocalStack } from '../../infra/local/local-stack.ts';
import { measureColdStarts, type ColdStartOptions, type ColdStartReport } from './cold-start.ts';
import { measureCost, type CostReport } from './cost.ts';
import { measureLatency, type LatencyReport } from './latency.ts';
import { measureScale, type ScaleLevel } from './scale.ts';
import { startStackProcess } from './stack-process.ts';
import { formatTables } from './table.ts';

export interface BenchOptions {
  levels: readonly number[];
  latencySamples: number;
  latencyConcurrency: number;
  httpConcurrency: number;
  /** Proposals whose cost is measured (test/bench/cost.ts). */
  costProposals: number;
  /** Which functions and how many runs for cold starts (test/bench/cold-start.ts); {} is all of them, 5 runs. */
  coldStart: ColdStartOptions;
  log?: (line: string) => void;
}

export interface TargetResult {
  target: string;
  measured: string;
  /** null: the run did not measure it (e.g. no level of 200 in flight). */
  met: boolean | null;
  missedBy?: string;
}

export interface BenchResults {
  date: string;
  durationMs: number;
  machine: { cpus: number; model: string; memoryBytes: number; node: string; platform: string };
  options: Omit<BenchOptions, 'log'>;
  latency: LatencyReport;
  scale: ScaleLevel[];
  /** From test/bench/cost.ts (another piece of work). */
  cost: CostReport;
  /** From test/bench/cold-start.ts (another piece of work). */
  coldStarts: ColdStartReport;
  targets: TargetResult[];
  /** Errors anywhere in the run: failed requests in the latency phase and proposals not completed in the scale phase. */
  errors: number;
}

export const targets = { answerOverFloorP50: 4, timeToVisibleP95Ms: 500, timeToVisibleInFlight: 200, zeroErrorsInFlight: 1000, throughputOverJourneyFloor: 0.5, throughputInFlight: 200 } as const;

export function evaluateTargets(latency: LatencyReport, scale: readonly ScaleLevel[]): TargetResult[] {
  const results: TargetResult[] = [];
  const ratio = latency.ratioToFloor.answer.p50;
  results.push({
    target: `Answer endpoint p50 within ${targets.answerOverFloorP50}× the storage floor`,
    measured: `${latency.endpoints.answer.p50.toFixed(1)} ms / ${latency.floor.latencyMs.p50.toFixed(1)} ms = ${ratio.toFixed(2)}×`,
    met: ratio <= targets.answerOverFloorP50,
    ...(ratio <= targets.answerOverFloorP50 ? {} : { missedBy: `${(ratio - targets.answerOverFloorP50).toFixed(2)}× over, answer p50 ${(latency.endpoints.answer.p50 - targets.answerOverFloorP50 * latency.floor.latencyMs.p50).toFixed(1)} ms too slow` }),
  });
  const atVisible = scale.find((level) => level.inFlight === targets.timeToVisibleInFlight);
  if (atVisible === undefined) {
    results.push({ target: `p95 time to visible under ${targets.timeToVisibleP95Ms} ms at ${targets.timeToVisibleInFlight} in flight`, measured: 'no level at 200 in flight in this run', met: null });
  } else {
    const worst = Math.max(atVisible.timeToVisibleMs.proposalView.p95, atVisible.timeToVisibleMs.courtList.p95);
    const met = worst < targets.timeToVisibleP95Ms;
    results.push({
      target: `p95 time to visible under ${targets.timeToVisibleP95Ms} ms at ${targets.timeToVisibleInFlight} in flight`,
      measured: `proposal view ${atVisible.timeToVisibleMs.proposalView.p95.toFixed(0)} ms, court list ${atVisible.timeToVisibleMs.courtList.p95.toFixed(0)} ms`,
      met,
      ...(met ? {} : { missedBy: `${(worst - targets.timeToVisibleP95Ms).toFixed(0)} ms (${((worst / targets.timeToVisibleP95Ms - 1) * 100).toFixed(0)}%) over` }),
    });
  }
  const atThroughput = scale.find((level) => level.inFlight === targets.throughputInFlight);
  const throughputTarget = `Proposals completed per second at ${targets.throughputInFlight} in flight at least ${targets.throughputOverJourneyFloor}× the whole-journey storage floor`;
  if (atThroughput === undefined) {
    results.push({ target: throughputTarget, measured: 'no level at 200 in flight in this run', met: null });
  } else {
    const share = atThroughput.proposalsPerSecond / latency.journeyFloor.perSecond;
    const met = share >= targets.throughputOverJourneyFloor;
    results.push({
      target: throughputTarget,
      measured: `${atThroughput.proposalsPerSecond.toFixed(2)} / ${latency.journeyFloor.perSecond.toFixed(2)} proposals/s = ${share.toFixed(2)}×`,
      met,
      ...(met ? {} : { missedBy: `${(targets.throughputOverJourneyFloor - share).toFixed(2)}× short, ${(targets.throughputOverJourneyFloor * latency.journeyFloor.perSecond - atThroughput.proposalsPerSecond).toFixed(2)} proposals/s` }),
    });
  }
  const atScale = scale.find((level) => level.inFlight === targets.zeroErrorsInFlight);
  if (atScale === undefined) {
    results.push({ target: `${targets.zeroErrorsInFlight} proposals in flight complete with 0 errors on a 2-core machine`, measured: 'no level at 1000 in flight in this run', met: null });
  } else {
    const met = atScale.errorCount === 0 && atScale.completed === atScale.inFlight;
    results.push({
      target: `${targets.zeroErrorsInFlight} proposals in flight complete with 0 errors on a 2-core machine`,
      measured: `${atScale.completed}/${atScale.inFlight} completed, ${atScale.errorCount} errors, in ${(atScale.completionMs / 1000).toFixed(1)} s on ${cpus().length} CPUs`,
      met,
      ...(met ? {} : { missedBy: `${atScale.errorCount} errors` }),
    });
  }
  return results;
}

/**
 * Cost per proposal and cold starts, measured by test/bench/cost.ts and test/bench/cold-start.ts
 * (another piece of work). measureCost observes the handlers in this process, so it gets a stack
 * started here, after every other phase (it sets this process's environment).
 */
async function measureCostAndColdStarts(options: BenchOptions): Promise<{ cost: CostReport; coldStarts: ColdStartReport }> {
  const stack = await startLocalStack({ logLevel: 'SILENT', linkRequestsPerMinute: 1_000_000 });
  let cost: CostReport;
  try {
    cost = await measureCost({ stack, proposals: options.costProposals });
  } finally {
    await stack.stop();
  }
  const coldStarts = await measureColdStarts(options.coldStart);
  return { cost, coldStarts };
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const date = new Date().toISOString();

  log(`latency: ${options.latencySamples} requests per endpoint, at most ${options.latencyConcurrency} at once`);
  const stack = await startStackProcess();
  let latency: LatencyReport;
  try {
    latency = await measureLatency({ stack, samples: options.latencySamples, concurrency: options.latencyConcurrency, journeyConcurrency: options.httpConcurrency });
  } finally {
    await stack.stop();
  }
  log(`  answer p50 ${latency.endpoints.answer.p50.toFixed(1)} ms, floor p50 ${latency.floor.latencyMs.p50.toFixed(1)} ms (${latency.floor.profile})`);

  const scale = await measureScale({ levels: options.levels, httpConcurrency: options.httpConcurrency, log });
  log(`cost: ${options.costProposals} proposals; cold starts: ${JSON.stringify(options.coldStart)}`);
  const { cost, coldStarts } = await measureCostAndColdStarts(options);

  const errors = latency.errors.length + scale.reduce((sum, level) => sum + level.errorCount, 0);
  return {
    date,
    durationMs: performance.now() - started,
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memoryBytes: totalmem(), node: process.version, platform: `${platform()} ${release()}` },
    options: { levels: options.levels, latencySamples: options.latencySamples, latencyConcurrency: options.latencyConcurrency, httpConcurrency: options.httpConcurrency, costProposals: options.costProposals, coldStart: options.coldStart },
    latency,
    scale,
    cost,
    coldStarts,
    targets: evaluateTargets(latency, scale),
    errors,
  };
}

/** Writes latest.json (every figure) and latest.md (the tables) into `directory`. */
export function writeResults(results: BenchResults, directory: string): { json: string; markdown: string } {
  mkdirSync(directory, { recursive: true });
  const json = path.join(directory, 'latest.json');
  const markdown = path.join(directory, 'latest.md');
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(markdown, `${formatTables(results)}\n`);
  return { json, markdown };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const results = await runBench({
    levels: (process.env.BENCH_LEVELS ?? '50,200,1000').split(',').map(Number),
    latencySamples: Number(process.env.BENCH_LATENCY_SAMPLES ?? 400),
    latencyConcurrency: Number(process.env.BENCH_LATENCY_CONCURRENCY ?? 8),
    httpConcurrency: Number(process.env.BENCH_HTTP_CONCURRENCY ?? 32),
    costProposals: Number(process.env.BENCH_COST_PROPOSALS ?? 20),
    coldStart: {},
    log,
  });
  const written = writeResults(results, process.env.BENCH_RESULTS_DIR ?? path.join(import.meta.dirname, 'results'));
  log('');
  log(formatTables(results));
  log('');
  log(`Every figure: ${path.relative(process.cwd(), written.json)}; the tables: ${path.relative(process.cwd(), written.markdown)}`);
  process.exitCode = results.errors === 0 ? 0 : 1;
}
