import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionRegistry } from '../../../infra/function-registry.ts';
import { assertNoPollution, newTally, prototypeFingerprint, runBatches, settled, type RouteTally } from './batch-runner.ts';
import { startDriver, type Driver, type FixtureProposal, type GeneratedRequest } from './driver.ts';
import { endpoints, type Endpoint, type Fixtures } from './endpoints.ts';
import { credentialLifetimeMs } from '../../support/api-client.ts';
import { consent, noInformation, notKnown } from '../../support/proposals.ts';

/**
 * Bad input against every route of the registry (docs/reliability.md, "3. Bad input"): full
 * Unicode, `__proto__` keys, very long text, wrong types, impossible dates, markup and template
 * injection, malformed JSON, wrong content types and random headers. For every route: no 5xx,
 * every refusal a 4xx with a reason, no injection shown unescaped in a page, no prototype
 * polluted, and nothing stored by a batch of refused requests.
 *
 * BAD_INPUT_RUNS_PER_ENDPOINT requests per route: a tenth (at most 1,000) over HTTP to the local
 * server, the rest in this process through the same routing, event and handlers. Inside `npm test`
 * it is 100 unless told otherwise, so the whole suite stays within minutes; the full-size run, the
 * target of docs/reliability.md, is `npm run reliability:bad-input` (10,000 per route).
 * BAD_INPUT_SEED replaces the fixed per-route seeds (fast-check prints the seed of a failure; rerun
 * with it to reproduce).
 */
const defaultRunsPerEndpoint = 100;
const runsPerEndpoint = Number(process.env.BAD_INPUT_RUNS_PER_ENDPOINT ?? defaultRunsPerEndpoint);
const httpRuns = Math.min(1_000, Math.ceil(runsPerEndpoint / 10));
/** Batches of at most `max` requests, of equal size, so each part sends exactly its runs. */
const batchSizeFor = (runs: number, max: number) => Math.ceil(runs / Math.ceil(runs / max));

/** A fixed seed per route (FNV-1a of its name), unless BAD_INPUT_SEED is given. */
function seedFor(route: string): number {
  if (process.env.BAD_INPUT_SEED !== undefined) {
    return Number(process.env.BAD_INPUT_SEED);
  }
  let hash = 0x811c9dc5;
  for (const character of route) {
    hash = Math.imul(hash ^ character.charCodeAt(0), 0x01000193);
  }
  return hash | 0;
}

let driver: Driver;
let list: Endpoint[];
let fixtures: Fixtures;
let credentialsObtainedAt = 0;
let pollutionBaseline: string;
const tallies = new Map<string, RouteTally>();
const started = performance.now();
let keyOf: (request: GeneratedRequest) => string | undefined;
const usedTokens = new Set<string>();
let probeBaseline: { session: string; emptyProposal: string };

/** What must not change if anything polluted a prototype: who a session is, and how an empty proposal is refused. */
async function probe() {
  const officer = await driver.staff('court.officer');
  const sessionResponse = await fetch(`${driver.stack.url}/auth/session`, { headers: { cookie: officer.cookie } });
  const sessionBody = (await sessionResponse.json()) as { user: unknown };
  const emptyProposal = await fetch(`${driver.stack.url}/api/proposals`, { method: 'POST', headers: { authorization: `Bearer ${officer.bearer}`, 'content-type': 'application/json' }, body: '{}' });
  return { session: `${sessionResponse.status} ${JSON.stringify(sessionBody.user)}`, emptyProposal: `${emptyProposal.status} ${await emptyProposal.text()}` };
}

/** Link tokens and whose they are, in the order they were made. */
const tokenOwner = new Map<string, { proposalId: string; holder: 'agency' | 'resident' }>();

function addLinkProposal(proposal: FixtureProposal) {
  tokenOwner.set(proposal.tokens.police, { proposalId: proposal.proposalId, holder: 'agency' });
  tokenOwner.set(proposal.tokens.childrensServices, { proposalId: proposal.proposalId, holder: 'agency' });
  for (const token of proposal.tokens.residents) tokenOwner.set(token, { proposalId: proposal.proposalId, holder: 'resident' });
}

const liveTokens = () => [...tokenOwner].filter(([token]) => !usedTokens.has(token)).map(([token, owner]) => ({ token, holder: owner.holder }));

/** When answers accepted by chance have used most links up, a new proposal brings five more. */
async function refillLinks() {
  if (liveTokens().length < 8) {
    addLinkProposal(await driver.newProposal());
  }
}

/** Answers every check of a proposal, so resending or changing where a link goes is refused (409) even for a valid body. */
async function answerAll(proposal: FixtureProposal) {
  const { police, childrensServices, residents } = proposal.tokens;
  await driver.api.call('POST', '/api/responses', { body: { token: police, ...noInformation } });
  await driver.api.call('POST', '/api/responses', { body: { token: childrensServices, ...notKnown } });
  for (const token of residents) await driver.api.call('POST', '/api/responses', { body: { token, ...consent } });
}

function onAccepted(request: GeneratedRequest) {
  for (const token of driverTokensIn(request)) usedTokens.add(token);
}

/** Live tokens a request carried (in its body or link cookie). */
function driverTokensIn(request: GeneratedRequest): string[] {
  const text = `${request.headers.cookie ?? ''} ${request.body ?? ''}`;
  return [...(text.match(/[A-Za-z0-9_-]{43}/g) ?? [])];
}

/**
 * Access tokens live 15 minutes, and the generators build requests with the staff's tokens: a long
 * run (10,000 per route) would otherwise test the token check alone after a while. New tokens and
 * sessions go into the same staff objects, and the generators are built again around them.
 */
async function renewCredentialsIfOld() {
  if (Date.now() - credentialsObtainedAt < credentialLifetimeMs) return;
  const [officer, spo, sentencer] = await Promise.all([driver.staff('court.officer'), driver.staff('spo'), driver.staff('sentencer')]);
  Object.assign(fixtures.officer, officer);
  Object.assign(fixtures.spo, spo);
  Object.assign(fixtures.sentencer, sentencer);
  list = endpoints(fixtures);
  credentialsObtainedAt = Date.now();
}

const registryRoutes = () => functionRegistry.flatMap((definition) => (definition.routes ?? []).map((route) => `${route.method} ${route.path}`));

/**
 * The staff pages, and everything else: two halves of the registry's routes of about equal cost,
 * each run by its own test file (its own local stack) so the two run at once on two cores.
 */
export const routeGroups = {
  'staff pages': (route: string) => /^(GET|POST) \/(proposals|queue|court-list|morning-check-in|performance|$)/.test(route),
  'the JSON API, links, sign-in and the rest': (route: string) => !/^(GET|POST) \/(proposals|queue|court-list|morning-check-in|performance|$)/.test(route),
} as const;

/** Registers the bad input runs for one group of routes: a local stack, its fixtures, and one test per route. */
export function describeBadInput(group: keyof typeof routeGroups): void {
  const inGroup = routeGroups[group];
  beforeAll(async () => {
    pollutionBaseline = prototypeFingerprint();
    driver = await startDriver();
    const [officer, spo, sentencer] = await Promise.all([driver.staff('court.officer'), driver.staff('spo'), driver.staff('sentencer')]);
    credentialsObtainedAt = Date.now();
    const routesOnProposals = registryRoutes().filter((route) => route.includes('{proposalId}'));
    // A few at a time: the local workflow engine shares two cores with everything else.
    const proposals: (readonly [string, FixtureProposal])[] = [];
    const wanted = [...routesOnProposals, 'links-1', 'links-2', 'links-3'];
    for (let start = 0; start < wanted.length; start += 4) {
      proposals.push(...(await Promise.all(wanted.slice(start, start + 4).map(async (route) => [route, await driver.newProposal()] as const))));
    }
    const byRoute = new Map<string, FixtureProposal>(proposals);
    for (const [route, proposal] of proposals) {
      if (route.startsWith('links-')) addLinkProposal(proposal);
      if (/\/(resend|contact)$/.test(route)) await answerAll(proposal);
    }
    const fixtureIds = proposals.map(([, proposal]) => proposal.proposalId);
    keyOf = (request) => {
      const text = `${request.path} ${request.headers.cookie ?? ''} ${request.body ?? ''}`;
      const id = fixtureIds.find((candidate) => text.includes(candidate));
      if (id !== undefined) return id;
      for (const [token, owner] of tokenOwner) {
        if (text.includes(token)) return owner.proposalId;
      }
      return undefined;
    };
    const outbox = await driver.api.outbox();
    fixtures = {
      officer,
      spo,
      sentencer,
      proposalFor: (route) => {
        const proposal = byRoute.get(route);
        if (proposal === undefined) throw new Error(`No proposal for ${route}`);
        return proposal;
      },
      liveTokens,
      outboxIds: outbox.map((message) => message.id),
      notifyCallbackToken: driver.notifyCallbackToken,
    };
    list = endpoints(fixtures);
    await settled(driver);
    probeBaseline = await probe();
  }, 240_000);

  afterAll(async () => {
    await driver?.stop();
  });

  describe(`bad input: ${group}`, () => {
    it('covers every route of the registry', () => {
      expect(list.map((endpoint) => endpoint.route).sort()).toEqual(registryRoutes().sort());
    });

    const names = registryRoutes().filter(inGroup);
    it.each(names)('%s: no 5xx, no unescaped injection, no pollution, nothing stored when refused', async (route) => {
      await renewCredentialsIfOld();
      const endpoint = list.find((candidate) => candidate.route === route);
      if (endpoint === undefined) throw new Error(`No generator for ${route}`);
      const tally = newTally();
      tallies.set(route, tally);
      const common = { driver, route, arbitrary: endpoint.arbitrary, concurrency: endpoint.concurrency, tally, pollutionBaseline, keyOf, onAccepted, afterAccepted: refillLinks };
      await runBatches({ ...common, transport: 'http', runs: httpRuns, batchSize: batchSizeFor(httpRuns, endpoint.maxBatch), seed: seedFor(route) });
      await runBatches({ ...common, transport: 'in-process', runs: runsPerEndpoint - httpRuns, batchSize: batchSizeFor(runsPerEndpoint - httpRuns, endpoint.maxBatch), seed: seedFor(`${route} in-process`) });
      // One line per route as it finishes, so a long run (npm run reliability:bad-input) reports as it goes.
      process.stdout.write(`bad input ${route}: ${tally.http + tally.inProcess} requests, ${tally.fiveHundreds} 5xx, ${tally.reflections} reflected\n`);
      // The batches were compared through the table's stream: the whole table must agree with it.
      await driver.verifyWatch();
      expect(tally.fiveHundreds).toBe(0);
      expect(tally.reflections).toBe(0);
      expect(tally.http + tally.inProcess).toBeGreaterThanOrEqual(runsPerEndpoint);
    }, Math.max(600_000, runsPerEndpoint * 200));

    it('refuses a body over 64 KiB with 413 on every POST route', async () => {
      const posts = registryRoutes()
        .filter((route) => inGroup(route) && route.startsWith('POST '))
        .map((route) => route.slice('POST '.length));
      const officer = await driver.staff('court.officer');
      const statuses: Record<string, number> = {};
      for (const path of posts) {
        const concrete = path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
        for (const [contentType, body] of [
          ['application/json', JSON.stringify({ text: 'a'.repeat(64 * 1024) })],
          ['application/x-www-form-urlencoded', `a=${'b'.repeat(100 * 1024)}`],
          ['text/plain', '😀'.repeat(17 * 1024)],
        ] as const) {
          const response = await fetch(`${driver.stack.url}${concrete}`, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${officer.bearer}`, cookie: officer.cookie, 'x-csrf-token': officer.csrfToken }, body });
          await response.arrayBuffer();
          statuses[`${path} ${contentType}`] = response.status;
        }
      }
      expect(Object.entries(statuses).filter(([, status]) => status !== 413)).toEqual([]);
    });

    it('left no prototype polluted, in this process or as the stack answers', async () => {
      assertNoPollution(pollutionBaseline);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await probe()).toEqual(probeBaseline);
    });

    it('sent at least the configured number of requests to every route, and reports the totals', () => {
      const rows = [...tallies].map(([route, tally]) => ({ route, ...tally, total: tally.http + tally.inProcess }));
      const total = rows.reduce((sum, row) => sum + row.total, 0);
      const fiveHundreds = rows.reduce((sum, row) => sum + row.fiveHundreds, 0);
      const seconds = (performance.now() - started) / 1000;
      const lines = [
        `Bad input: ${rows.length} routes, ${total} requests (${rows.reduce((sum, row) => sum + row.http, 0)} over HTTP), ${fiveHundreds} 5xx, ${seconds.toFixed(0)} s, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'})`,
        ...rows.map((row) => `  ${row.route}: ${row.total} (${row.http} HTTP), statuses ${JSON.stringify(row.statuses)}, batches compared ${row.comparedBatches} (strict ${row.strictBatches}), with accepted requests ${row.acceptedBatches}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      expect(rows.length).toBe(names.length);
      expect(fiveHundreds).toBe(0);
      for (const row of rows) {
        expect(row.total, row.route).toBeGreaterThanOrEqual(runsPerEndpoint);
      }
    });
  });
}
