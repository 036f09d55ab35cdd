import type { BenchResults } from './run-bench.ts';

/** The bench's results as Markdown tables: printed at the end of a run and pasted into docs/benchmarks.md. */

const ms = (value: number) => (Number.isFinite(value) ? (value >= 100 ? value.toFixed(0) : value.toFixed(1)) : 'n/a');
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)}×` : 'n/a');

function row(cells: readonly (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function formatTables(results: BenchResults): string {
  const { latency, scale, targets } = results;
  const lines: string[] = [];
  lines.push(`Machine: ${results.machine.cpus} CPUs (${results.machine.model}), ${(results.machine.memoryBytes / 1024 ** 3).toFixed(0)} GiB, Node ${results.machine.node}, ${results.machine.platform}; run ${results.date} in ${(results.durationMs / 60_000).toFixed(1)} min.`);
  lines.push('');
  lines.push(`### Latency (${latency.samples} requests per endpoint, at most ${latency.concurrency} at once; ${latency.proposalsPerCourtList.toFixed(0)} proposals per court list)`);
  lines.push('');
  lines.push(row(['Endpoint', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'p50 / floor p50', 'p95 / floor p95']));
  lines.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:']));
  const names = { startChecks: 'Start checks `POST /api/proposals`', answer: 'Answer a check `POST /api/responses`', readProposal: 'Read a proposal `GET /api/proposals/{id}`', courtList: 'Court list `GET /api/courts/{court}/hearings/{date}`' } as const;
  for (const key of Object.keys(names) as (keyof typeof names)[]) {
    const value = latency.endpoints[key];
    lines.push(row([names[key], ms(value.p50), ms(value.p95), ms(value.p99), ms(value.max), times(latency.ratioToFloor[key].p50), times(latency.ratioToFloor[key].p95)]));
  }
  const floor = latency.floor;
  lines.push(row([`Storage floor of one answer: ${floor.reads} reads + ${floor.writes} writes (${floor.profile})`, ms(floor.latencyMs.p50), ms(floor.latencyMs.p95), ms(floor.latencyMs.p99), ms(floor.latencyMs.max), '1.0×', '1.0×']));
  const journey = latency.journeyFloor;
  lines.push('');
  lines.push(
    `Storage floor of one proposal's whole journey (start, three answers, the workflow's steps, the decision, its messages): ${journey.reads} reads + ${journey.writes} writes (${journey.profile}), replayed ${journey.concurrency} at a time: p50 ${ms(journey.latencyMs.p50)} ms per journey, **${journey.perSecond.toFixed(2)} proposals/s**.`,
  );
  lines.push('');
  lines.push(`### Throughput, scale and time to visible (end to end, at most ${scale[0]?.httpConcurrency ?? 'n/a'} requests at once plus one outbox poller)`);
  lines.push('');
  lines.push(
    row([
      'In flight',
      'Completed',
      'Errors',
      'Completion s',
      'Proposals/s',
      'Proposals/s / whole-journey floor',
      'Visible in view p50 / p95 ms',
      'Visible in court list p50 / p95 ms',
      'Answer p50 / p95 ms',
      'Last answer → awaiting decision p50 / p95 ms: the workflow (stored times) / as the officer saw it',
      'Throttled and retried',
      'Peak RSS: Node + DynamoDB Local = total MiB',
    ]),
  );
  lines.push(row(['---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const level of scale) {
    lines.push(
      row([
        level.burst ? `${level.inFlight} (burst: all started at once)` : level.inFlight,
        level.completed,
        level.errorCount,
        (level.completionMs / 1000).toFixed(1),
        level.proposalsPerSecond.toFixed(2),
        `${(level.proposalsPerSecond / latency.journeyFloor.perSecond).toFixed(2)}×`,
        `${ms(level.timeToVisibleMs.proposalView.p50)} / ${ms(level.timeToVisibleMs.proposalView.p95)}`,
        `${ms(level.timeToVisibleMs.courtList.p50)} / ${ms(level.timeToVisibleMs.courtList.p95)}`,
        `${ms(level.latencyMs.answer.p50)} / ${ms(level.latencyMs.answer.p95)}`,
        `${ms(level.workflowAfterLastAnswerMs.p50)} / ${ms(level.workflowAfterLastAnswerMs.p95)}; ${ms(level.lastAnswerToAwaitingDecisionMs.p50)} / ${ms(level.lastAnswerToAwaitingDecisionMs.p95)}`,
        Object.values(level.throttled).reduce((sum, count) => sum + count, 0),
        `${mb(level.peakMemoryBytes.nodeRss)} + ${mb(level.peakMemoryBytes.dynamoDbLocalRss)} = ${mb(level.peakMemoryBytes.totalRss)}`,
      ]),
    );
  }
  lines.push('');
  lines.push('### Cost per proposal and cold start (test/bench/cost.ts, test/bench/cold-start.ts)');
  lines.push('');
  const cost = results.cost;
  lines.push(
    `Cost per completed proposal on AWS: $${cost.costPerProposalUsd.total.toFixed(5)} (${cost.proposals} proposals: ${cost.mix.description}); per year at ${cost.costPerYearUsd.proposalsPerYear} proposals: $${cost.costPerYearUsd.total.toFixed(2)}; target $${cost.target.usdPerProposal}: ${cost.target.met ? 'met' : 'missed'}.`,
  );
  const cold = results.coldStarts.summary;
  lines.push(
    `Cold start: ${cold.functions} functions, largest zip ${(cold.largestZippedBytes / 1024).toFixed(0)} KiB, median ${(cold.medianZippedBytes / 1024).toFixed(0)} KiB; module load median ${ms(cold.medianLoadMs)} ms, slowest ${ms(cold.slowestLoadMs)} ms; all under the size target: ${cold.allUnderSizeTarget ? 'yes' : 'no'}, the load target: ${cold.allUnderLoadTarget ? 'yes' : 'no'}.`,
  );
  lines.push('');
  for (const journey of cold.journeys) {
    lines.push(
      `- Cold starts on a quiet morning, ${journey.description} (${journey.requests} requests): ${journey.functions.length} functions start cold (${journey.functions.join(', ')}), ${journey.totalLoadMs === undefined ? 'module loads not all measured in this run' : `${journey.totalLoadMs} ms of module load in all`}.`,
    );
  }
  lines.push('');
  const view = results.performanceView;
  lines.push(`### Performance and quality view (${view.courts} courts, ${view.proposals} proposals over a year: ${view.counterItems} counter items, written in ${(view.seedMs / 1000).toFixed(1)} s)`);
  lines.push('');
  lines.push(row(['View', 'p50 ms', 'p95 ms', 'max ms', `p95 under ${view.targetP95Ms} ms`]));
  lines.push(row(['---', '---:', '---:', '---:', '---']));
  for (const [name, figures] of [
    [`A quarter, the region's ${view.courts} courts, \`GET /performance\` over HTTP (performance lead)`, view.httpMs.quarter],
    [`A year, the region's ${view.courts} courts, \`GET /performance\` over HTTP`, view.httpMs.year],
    ['A quarter, the same work in process (query, sums, view, render)', view.viewMs.quarter],
    ['A year, the same work in process', view.viewMs.year],
  ] as const) {
    lines.push(row([name, ms(figures.p50), ms(figures.p95), ms(figures.max), figures.p95 < view.targetP95Ms ? 'met' : 'missed']));
  }
  lines.push('');
  lines.push(
    `Keeping the counts on AWS, per proposal: ${view.cost.countedEventsPerProposal.toFixed(1)} counted events, ${view.cost.counterUpdatesPerProposal.toFixed(1)} counter item updates (items of ${view.cost.meanCounterItemBytes.toFixed(0)} bytes on average): ${view.cost.writeUnitsPerProposal.toFixed(1)} write units and ${view.cost.readUnitsPerProposal.toFixed(1)} read units, **$${view.cost.usdPerProposal.toFixed(6)} per proposal** ($${view.cost.usdPerYear.toFixed(2)} for 100,000 proposals a year).`,
  );
  lines.push('');
  lines.push('### Targets');
  lines.push('');
  lines.push(row(['Target', 'Measured', 'Met']));
  lines.push(row(['---', '---', '---']));
  for (const target of targets) {
    lines.push(row([target.target, target.measured, target.met === null ? 'not measured' : target.met ? 'yes' : `**no** (${target.missedBy})`]));
  }
  return lines.join('\n');
}
