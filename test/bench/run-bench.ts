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
 *   BENCH_BURST                starts sent at once, unpaced, after the levels (default 1000; 0: none)
 *   BENCH_COST_PROPOSALS       proposals whose AWS cost is measured (default 20; test/bench/cost.ts)
 *   BENCH_PERFORMANCE_COURTS     courts of the region whose P&Q view is timed (default 40; test/bench/performance-view.ts)
 *   BENCH_PERFORMANCE_PROPOSALS  proposals of a year whose counters it reads (default 100000)
 *   BENCH_PERFORMANCE_SAMPLES    views timed per period (default 50)
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
import { measurePerformanceView, type PerformanceViewReport } from './performance-view.ts';
import { measureScale, type ScaleLevel } from './scale.ts';
import { startStackProcess } from './stack-process.ts';
import { formatTables } from './table.ts';

export interface BenchOptions {
  levels: readonly number[];
  latencySamples: number;
  latencyConcurrency: number;
  httpConcurrency: number;
  /** Starts sent at once, unpaced, after the levels (0: none). */
  burst: number;
  /** Proposals whose cost is measured (test/bench/cost.ts). */
  costProposals: number;
  /** Which functions and how many runs for cold starts (test/bench/cold-start.ts); {} is all of them, 5 runs. */
  coldStart: ColdStartOptions;
  /** The P&Q view at a region's scale (test/bench/performance-view.ts). */
  performanceView: { courts: number; proposals: number; samples: number };
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
  /** From test/bench/performance-view.ts: its p95 target is in its own table. */
  performanceView: PerformanceViewReport;
  targets: TargetResult[];
  /** Errors anywhere in the run: failed requests in the latency phase and proposals not completed in the scale phase. */
  errors: number;
}

/** Issue 15's targets (and issue 7's before them): reported against, never changed to fit. */
export const targets = {
  answerOverFloorP50: 4,
  startOverFloorP50: 3,
  courtListOverFloorP50: 2,
  timeToVisible: [
    { inFlight: 200, p95Ms: 500 },
    { inFlight: 1000, p95Ms: 1000 },
  ],
  workflowAfterLastAnswer: [
    { inFlight: 200, p95Ms: 1000 },
    { inFlight: 1000, p95Ms: 2000 },
  ],
  throughputOverJourneyFloor: 0.5,
  throughputInFlight: 200,
  zeroErrorsInFlight: 1000,
  zeroErrorsBurst: 1000,
  moduleLoadMedianMs: 150,
} as const;

const percent = (measured: number, target: number) => `${(measured - target).toFixed(0)} ms (${((measured / target - 1) * 100).toFixed(0)}%) over`;

/** Every target of the run, met or missed (and by how much), or not measured in this run. */
export function evaluateTargets(latency: LatencyReport, scale: readonly ScaleLevel[], coldStarts?: ColdStartReport['summary']): TargetResult[] {
  const results: TargetResult[] = [];
  const paced = (inFlight: number) => scale.find((level) => !level.burst && level.inFlight === inFlight);
  const notMeasured = (target: string, what: string): TargetResult => ({ target, measured: `${what} not in this run`, met: null });

  const overFloor = (endpoint: 'answer' | 'startChecks' | 'courtList', name: string, limit: number) => {
    const ratio = latency.ratioToFloor[endpoint].p50;
    const met = ratio <= limit;
    results.push({
      target: `${name} p50 within ${limit}× the storage floor`,
      measured: `${latency.endpoints[endpoint].p50.toFixed(1)} ms / ${latency.floor.latencyMs.p50.toFixed(1)} ms = ${ratio.toFixed(2)}×`,
      met,
      ...(met ? {} : { missedBy: `${(ratio - limit).toFixed(2)}× over, p50 ${(latency.endpoints[endpoint].p50 - limit * latency.floor.latencyMs.p50).toFixed(1)} ms too slow` }),
    });
  };
  overFloor('answer', 'Answer endpoint', targets.answerOverFloorP50);
  overFloor('startChecks', 'Start checks', targets.startOverFloorP50);
  overFloor('courtList', 'Court list', targets.courtListOverFloorP50);

  for (const { inFlight, p95Ms } of targets.timeToVisible) {
    const target = `p95 time to visible under ${p95Ms} ms at ${inFlight} in flight`;
    const level = paced(inFlight);
    if (level === undefined) {
      results.push(notMeasured(target, `a level of ${inFlight} in flight`));
      continue;
    }
    const worst = Math.max(level.timeToVisibleMs.proposalView.p95, level.timeToVisibleMs.courtList.p95);
    const met = worst < p95Ms;
    results.push({ target, measured: `proposal view ${level.timeToVisibleMs.proposalView.p95.toFixed(0)} ms, court list ${level.timeToVisibleMs.courtList.p95.toFixed(0)} ms`, met, ...(met ? {} : { missedBy: percent(worst, p95Ms) }) });
  }

  for (const { inFlight, p95Ms } of targets.workflowAfterLastAnswer) {
    const target = `Last answer → awaiting decision p95 under ${p95Ms / 1000} s at ${inFlight} in flight (the workflow's, from stored times)`;
    const level = paced(inFlight);
    if (level === undefined) {
      results.push(notMeasured(target, `a level of ${inFlight} in flight`));
      continue;
    }
    const measured = level.workflowAfterLastAnswerMs.p95;
    const met = measured < p95Ms;
    results.push({ target, measured: `${measured.toFixed(0)} ms (as the officer polling saw it: ${level.lastAnswerToAwaitingDecisionMs.p95.toFixed(0)} ms)`, met, ...(met ? {} : { missedBy: percent(measured, p95Ms) }) });
  }

  const throughputTarget = `Proposals completed per second at ${targets.throughputInFlight} in flight at least ${targets.throughputOverJourneyFloor}× the whole-journey storage floor`;
  const atThroughput = paced(targets.throughputInFlight);
  if (atThroughput === undefined) {
    results.push(notMeasured(throughputTarget, `a level of ${targets.throughputInFlight} in flight`));
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

  const noErrors = (target: string, level: ScaleLevel | undefined, what: string) => {
    if (level === undefined) {
      results.push(notMeasured(target, what));
      return;
    }
    const met = level.errorCount === 0 && level.completed === level.inFlight;
    const throttled = Object.values(level.throttled).reduce((sum, count) => sum + count, 0);
    results.push({
      target,
      measured: `${level.completed}/${level.inFlight} completed, ${level.errorCount} errors, in ${(level.completionMs / 1000).toFixed(1)} s on ${cpus().length} CPUs; ${throttled} invocations throttled and retried`,
      met,
      ...(met ? {} : { missedBy: `${level.errorCount} ${level.errorCount === 1 ? 'error' : 'errors'}` }),
    });
  };
  noErrors(`${targets.zeroErrorsInFlight} proposals in flight complete with 0 errors on a 2-core machine`, paced(targets.zeroErrorsInFlight), `a level of ${targets.zeroErrorsInFlight} in flight`);
  noErrors(
    `A burst of ${targets.zeroErrorsBurst} starts at once (no pacing) completes with 0 failed workflows`,
    scale.find((level) => level.burst && level.inFlight === targets.zeroErrorsBurst),
    `a burst of ${targets.zeroErrorsBurst}`,
  );

  const loadTarget = `Every function's module load ${targets.moduleLoadMedianMs} ms or less (median)`;
  if (coldStarts === undefined || coldStarts.functions === 0) {
    results.push(notMeasured(loadTarget, 'module loads'));
  } else {
    const met = coldStarts.allUnderLoadTarget;
    results.push({
      target: loadTarget,
      measured: `median ${coldStarts.medianLoadMs.toFixed(0)} ms, slowest ${coldStarts.slowestLoadMs.toFixed(0)} ms over ${coldStarts.functions} functions`,
      met,
      ...(met ? {} : { missedBy: `${coldStarts.overLoad.length} functions over, by up to ${Math.max(...coldStarts.overLoad.map((over) => over.overByMs)).toFixed(0)} ms` }),
    });
  }
  return results;
}

/**
 * Cost per proposal and cold starts, measured by test/bench/cost.ts and test/bench/cold-start.ts
 * (another piece of work). measureCost observes the handlers in this process, so it gets a stack
 * started here, after every other phase (it sets this process's environment).
 */
async function measureCostAndColdStarts(options: BenchOptions): Promise<{ cost: CostReport; coldStarts: ColdStartReport; performanceView: PerformanceViewReport }> {
  const stack = await startLocalStack({ logLevel: 'SILENT', linkRequestsPerMinute: 1_000_000 });
  let cost: CostReport;
  let performanceView: PerformanceViewReport;
  try {
    cost = await measureCost({ stack, proposals: options.costProposals });
    // The same in-process stack: the P&Q view's store and page modules read its environment.
    options.log?.(`performance view: ${options.performanceView.courts} courts, ${options.performanceView.proposals} proposals, ${options.performanceView.samples} views per period`);
    performanceView = await measurePerformanceView({ stack, ...options.performanceView });
  } finally {
    await stack.stop();
  }
  const coldStarts = await measureColdStarts(options.coldStart);
  return { cost, coldStarts, performanceView };
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

  const scale = await measureScale({ levels: options.levels, httpConcurrency: options.httpConcurrency, burst: options.burst, log });
  log(`cost: ${options.costProposals} proposals; cold starts: ${JSON.stringify(options.coldStart)}`);
  const { cost, coldStarts, performanceView } = await measureCostAndColdStarts(options);

  const errors = latency.errors.length + scale.reduce((sum, level) => sum + level.errorCount, 0);
  return {
    date,
    durationMs: performance.now() - started,
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memoryBytes: totalmem(), node: process.version, platform: `${platform()} ${release()}` },
    options: {
      levels: options.levels,
      burst: options.burst,
      latencySamples: options.latencySamples,
      latencyConcurrency: options.latencyConcurrency,
      httpConcurrency: options.httpConcurrency,
      costProposals: options.costProposals,
      coldStart: options.coldStart,
      performanceView: options.performanceView,
    },
    latency,
    scale,
    cost,
    coldStarts,
    performanceView,
    targets: evaluateTargets(latency, scale, coldStarts.functions.length >= 10 ? coldStarts.summary : undefined),
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
    burst: Number(process.env.BENCH_BURST ?? 1000),
    costProposals: Number(process.env.BENCH_COST_PROPOSALS ?? 20),
    coldStart: {},
    performanceView: {
      courts: Number(process.env.BENCH_PERFORMANCE_COURTS ?? 40),
      proposals: Number(process.env.BENCH_PERFORMANCE_PROPOSALS ?? 100_000),
      samples: Number(process.env.BENCH_PERFORMANCE_SAMPLES ?? 50),
    },
    log,
  });
  const written = writeResults(results, process.env.BENCH_RESULTS_DIR ?? path.join(import.meta.dirname, 'results'));
  log('');
  log(formatTables(results));
  log('');
  log(`Every figure: ${path.relative(process.cwd(), written.json)}; the tables: ${path.relative(process.cwd(), written.markdown)}`);
  process.exitCode = results.errors === 0 ? 0 : 1;
}
