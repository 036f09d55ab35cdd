import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { periodContaining } from '#domain/performance';
import { localDynamoDbClientConfig } from '../../infra/local/dynamodb-local.ts';
import type { LocalStack } from '../../infra/local/local-stack.ts';
import { percentiles, type Percentiles } from '../support/load-driver.ts';
import { syntheticCounters } from '../support/performance-seed.ts';
import { signIn } from '../support/sign-in.ts';
import { loadPrices } from './cost.ts';

/**
 * The P&Q view at a region's scale (issue 16): 40 courts and 100,000 proposals over a year. The
 * counters those proposals leave behind are written straight in with the store's own counter
 * function (making 100,000 proposals would measure the rest of the service), then the view is
 * timed for a quarter and a year.
 *
 * The 40 courts are the South West's: its two courts of court-teams.json and 38 made up, and the
 * region's totals are written as the stream handler keeps them (one partition beside the courts').
 * What is timed: the whole GET /performance over HTTP as the demo performance lead of the South
 * West, all courts (session, the region's one query, the sums, the view and its render); and the
 * same work called in this process, without the request around it.
 *
 * The cost of keeping the counts, per proposal, on AWS: each counted event is one transaction of
 * its marker and the counter items it updates (a transactional write costs 2 write units per KB
 * of the larger of the item's sizes before and after), and one strongly consistent query of the
 * proposal's partition (1 read unit per 4 KB), at the on-demand prices of aws-prices.json.
 */
export interface PerformanceViewOptions {
  stack: LocalStack;
  courts: number;
  proposals: number;
  /** Timed views per period. */
  samples: number;
}

export interface PerformanceViewReport {
  courts: number;
  proposals: number;
  counterItems: number;
  seedMs: number;
  /** The region's view (40 courts), in this process. */
  viewMs: { quarter: Percentiles; year: Percentiles };
  /** GET /performance over HTTP, as the performance lead of the region (40 courts). */
  httpMs: { quarter: Percentiles; year: Percentiles };
  targetP95Ms: number;
  cost: {
    countedEventsPerProposal: number;
    counterUpdatesPerProposal: number;
    meanCounterItemBytes: number;
    writeUnitsPerProposal: number;
    readUnitsPerProposal: number;
    usdPerProposal: number;
    usdPerYear: number;
  };
}

export const performanceViewTargetP95Ms = 300;

/** A partition of a proposal as the stream handler reads it (proposal, checks, audit trail): about 12 KB. */
const proposalPartitionBytes = 12 * 1024;

/** Court codes of the benchmark's region: the two South West courts of court-teams.json, then made-up ones. */
function benchCourts(count: number): string[] {
  const made = Array.from({ length: Math.max(0, count - 2) }, (_, index) => `Z${String(index).padStart(2, '0')}BX00`);
  return ['B01LY00', 'B01CN00', ...made].slice(0, count);
}

/** DynamoDB's size of an item: each attribute's name and value (numbers about their digits / 2 + 1). */
function itemBytes(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + name.length + (typeof value === 'number' ? Math.ceil(String(value).length / 2) + 1 : String(value).length), 0);
}

export async function measurePerformanceView(options: PerformanceViewOptions): Promise<PerformanceViewReport> {
  const { stack } = options;
  const courts = benchCourts(options.courts);
  const until = new Date();
  // The region's totals too, as the stream handler keeps them: the whole region is one query.
  const seeded = syntheticCounters({ courts, proposals: options.proposals, days: 365, until, region: 'SOUTH_WEST' });
  // Imported late: the store reads the table's name from the environment the stack has set.
  const { addToCounters } = await import('#store/performance-counts');
  const { performanceFigures } = await import('#proposals/performance-report');
  const { performanceView } = await import('#pages/staff/performance');
  const { renderPage } = await import('#pages/render');

  const seedStarted = performance.now();
  for (let start = 0; start < seeded.counters.length; start += 16) {
    await Promise.all(seeded.counters.slice(start, start + 16).map((counters) => addToCounters([counters])));
  }
  const seedMs = performance.now() - seedStarted;

  const today = until.toISOString().slice(0, 10);
  const periods = { quarter: periodContaining('quarter', today), year: periodContaining('year', today) };
  const timeView = async (period: (typeof periods)['quarter']) => {
    const started = performance.now();
    const figures = await performanceFigures({ region: 'SOUTH_WEST' }, period);
    const view = performanceView(figures, { period, court: 'all', courts });
    renderPage('staff/performance.njk', { user: { id: 'bench', displayName: 'Bench', role: 'PERFORMANCE_LEAD', courts: [], email: '' }, csrfToken: '', navigation: [], query: { errors: { summary: [], fields: {} }, periodOptions: [], courtOptions: [] }, view });
    return performance.now() - started;
  };
  const { cookie } = await signIn(stack.url, 'performance.lead');
  const timeHttp = async (period: (typeof periods)['quarter']) => {
    const started = performance.now();
    const response = await fetch(`${stack.url}/performance?period=${period.value}&court=all`, { headers: { cookie } });
    await response.text();
    if (response.status !== 200) throw new Error(`GET /performance answered ${response.status}`);
    return performance.now() - started;
  };
  const viewMs = { quarter: [] as number[], year: [] as number[] };
  const httpMs = { quarter: [] as number[], year: [] as number[] };
  // One of each first, untimed: module loads and the first connection are a cold start's, not the view's.
  await timeView(periods.quarter);
  await timeHttp(periods.quarter);
  for (let sample = 0; sample < options.samples; sample += 1) {
    for (const kind of ['quarter', 'year'] as const) {
      viewMs[kind].push(await timeView(periods[kind]));
      httpMs[kind].push(await timeHttp(periods[kind]));
    }
  }

  // The counter items as stored: their sizes price each update.
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient(localDynamoDbClientConfig(stack.dynamoDbEndpoint)));
  const sizes: number[] = [];
  try {
    // Two courts' items and the region's (its totals have the same names, larger numbers).
    for (const key of [...courts.slice(0, 2), 'REGION#SOUTH_WEST']) {
      const page = await documents.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `PQ#${key}` } }));
      for (const item of page.Items ?? []) sizes.push(itemBytes(item));
    }
  } finally {
    documents.destroy();
  }
  const meanCounterItemBytes = sizes.length === 0 ? 0 : sizes.reduce((sum, size) => sum + size, 0) / sizes.length;
  const countedEventsPerProposal = seeded.countedEvents / options.proposals;
  const counterUpdatesPerProposal = seeded.counterUpdates / options.proposals;
  // Transactional writes: 2 units per KB. The marker is under 1 KB; a counter item's update is priced at its (larger, after) size.
  const writeUnitsPerProposal = countedEventsPerProposal * 2 + counterUpdatesPerProposal * 2 * Math.max(1, Math.ceil(meanCounterItemBytes / 1024));
  const readUnitsPerProposal = countedEventsPerProposal * Math.ceil(proposalPartitionBytes / 4096);
  const prices = loadPrices();
  const usdPerProposal = (writeUnitsPerProposal * prices.dynamoDbOnDemandPerMillionWriteUnits + readUnitsPerProposal * prices.dynamoDbOnDemandPerMillionReadUnits) / 1_000_000;
  return {
    courts: courts.length,
    proposals: options.proposals,
    counterItems: seeded.counters.length,
    seedMs,
    viewMs: { quarter: percentiles(viewMs.quarter), year: percentiles(viewMs.year) },
    httpMs: { quarter: percentiles(httpMs.quarter), year: percentiles(httpMs.year) },
    targetP95Ms: performanceViewTargetP95Ms,
    cost: { countedEventsPerProposal, counterUpdatesPerProposal, meanCounterItemBytes, writeUnitsPerProposal, readUnitsPerProposal, usdPerProposal, usdPerYear: usdPerProposal * 100_000 },
  };
}
