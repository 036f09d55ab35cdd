import fc from 'fast-check';
import type { Driver, GeneratedRequest, ObservedResponse, Transport } from './driver.ts';
import type { TableSnapshot } from './table-watch.ts';
import { unescapedInjection } from './generators.ts';

/** What the runs of one route saw. */
export interface RouteTally {
  inProcess: number;
  http: number;
  statuses: Record<string, number>;
  /** Batches with no accepted request, compared before and after (`state` hash). */
  comparedBatches: number;
  /** Of those, batches that showed no page either, compared on every item (`strict` hash). */
  strictBatches: number;
  /** Batches with an accepted (valid by chance) request: allowed to change state, not compared. */
  acceptedBatches: number;
  fiveHundreds: number;
  reflections: number;
}

export const newTally = (): RouteTally => ({ inProcess: 0, http: 0, statuses: {}, comparedBatches: 0, strictBatches: 0, acceptedBatches: 0, fiveHundreds: 0, reflections: 0 });

/** Statuses a refusal may have: each says what was wrong (414 and 431: the HTTP server's own limits on the address and headers). */
export const refusalStatuses = new Set([400, 401, 403, 404, 405, 409, 410, 413, 414, 415, 422, 431]);

/** A request in a few hundred characters, for a failure message (generated data only, never personal data). */
export function describeRequest(request: GeneratedRequest): string {
  const cut = (text: string, length: number) => (text.length > length ? `${text.slice(0, length)}…(${text.length})` : text);
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, cut(value, 120)]));
  return JSON.stringify({ method: request.method, path: cut(request.path, 400), headers, body: request.body === undefined ? undefined : cut(request.body, 600) });
}

/** An error page (refusals render one) as opposed to a page of the service shown again with its form's errors. */
function isErrorPage(body: string): boolean {
  return /Sorry, there is a problem|Page not found|This page cannot be used|You cannot see this page|This link cannot be used|Ni ellir defnyddio/.test(body);
}

/** A 4xx page that shows the case again (a form with its errors): its showing is audited, as any page's is. */
function showsAPage(response: ObservedResponse): boolean {
  return response.status >= 400 && response.contentType.startsWith('text/html') && !isErrorPage(response.body);
}

/** A page that sends someone who is not signed in to sign in: a refusal. */
function isSignInRedirect(response: ObservedResponse): boolean {
  return response.status === 303 && response.location === '/auth/sign-in';
}

/**
 * May this response have changed stored state? Only an accepted POST (a Notify receipt that was
 * ignored or already final changes nothing, and says so) or starting a sign-in. Every other
 * request, GETs included, must leave the table as it was but for audited showings.
 */
function mayChangeState(route: string, request: GeneratedRequest, response: ObservedResponse): boolean {
  if (route === 'GET /auth/sign-in') {
    return response.status < 400;
  }
  // The runs never send sign-out the session's CSRF token, so it must never end a session.
  if (route === 'POST /auth/sign-out' || request.method !== 'POST' || response.status >= 400 || response.location === '/auth/sign-in') {
    return false;
  }
  return !/^\{"result":"(IGNORED|ALREADY_FINAL)"\}$/.test(response.body);
}

/** Runs at most `limit` of the tasks at once, and at most `perKey` of those sharing a key. */
async function runLimited<T>(tasks: { key: string | undefined; run: () => Promise<T> }[], limit: number, perKey = 2): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  const busy = new Map<string, number>();
  const waiting = tasks.map((task, index) => ({ ...task, index }));
  let running = 0;
  await new Promise<void>((resolve, reject) => {
    const pump = () => {
      if (waiting.length === 0 && running === 0) {
        resolve();
        return;
      }
      for (let position = 0; position < waiting.length && running < limit; ) {
        const task = waiting[position];
        if (task === undefined) break;
        if (task.key !== undefined && (busy.get(task.key) ?? 0) >= perKey) {
          position += 1;
          continue;
        }
        waiting.splice(position, 1);
        running += 1;
        if (task.key !== undefined) busy.set(task.key, (busy.get(task.key) ?? 0) + 1);
        task
          .run()
          .then((result) => {
            results[task.index] = result;
            running -= 1;
            if (task.key !== undefined) busy.set(task.key, (busy.get(task.key) ?? 1) - 1);
            pump();
          })
          .catch(reject);
      }
    };
    pump();
  });
  return results;
}

/** Object.prototype and friends as they were before any run: pollution shows as a difference. */
export function prototypeFingerprint(): string {
  const describe = (target: object) => Object.getOwnPropertyNames(target).sort().join(',');
  return [describe(Object.prototype), describe(Array.prototype), describe(Function.prototype), describe(String.prototype)].join('|');
}

export function assertNoPollution(baseline: string): void {
  const probe = {} as Record<string, unknown>;
  for (const key of ['polluted', 'isAdmin', 'role', 'courts']) {
    if (probe[key] !== undefined) {
      throw new Error(`Object.prototype polluted: ({}).${key} is ${JSON.stringify(probe[key])}`);
    }
  }
  if (prototypeFingerprint() !== baseline) {
    throw new Error('Object.prototype, Array.prototype, Function.prototype or String.prototype changed during the runs');
  }
}

export interface RunOptions {
  driver: Driver;
  route: string;
  arbitrary: fc.Arbitrary<GeneratedRequest>;
  transport: Transport;
  runs: number;
  batchSize: number;
  concurrency: number;
  seed: number;
  tally: RouteTally;
  pollutionBaseline: string;
  /** The proposal a request touches (requests sharing one are limited, as a real client would be). */
  keyOf: (request: GeneratedRequest) => string | undefined;
  /** Told of every accepted request (a link answered: its token is no longer live). */
  onAccepted?: (request: GeneratedRequest) => void;
  /** Run after a batch with accepted requests, before the next snapshot (new links when few are left). */
  afterAccepted?: () => Promise<void>;
}

/** A batch of requests, printed by its size: fast-check would otherwise print all of them. */
class Batch {
  constructor(readonly requests: GeneratedRequest[]) {}
  [fc.toStringMethod](): string {
    return `${this.requests.length} requests`;
  }
}

/** After a batch with accepted requests, waits until the workflow has finished what they started. */
export async function settled(driver: Driver): Promise<TableSnapshot> {
  let previous = await driver.snapshot();
  for (let attempt = 0; attempt < 40; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const current = await driver.snapshot();
    if (current.strict === previous.strict) {
      return current;
    }
    previous = current;
  }
  return previous;
}

/**
 * Sends `runs` generated requests in batches, each batch one fast-check run: no response may be a
 * 5xx, no page may show an injection string unescaped, and a batch in which every request was
 * refused must leave the table as it was.
 */
export async function runBatches(options: RunOptions): Promise<void> {
  const { driver, tally } = options;
  let before = await driver.snapshot();
  const batches = Math.ceil(options.runs / options.batchSize);
  await fc.assert(
    fc.asyncProperty(fc.array(options.arbitrary, { minLength: options.batchSize, maxLength: options.batchSize }).map((requests) => new Batch(requests)), async ({ requests }) => {
      const responses = await runLimited(
        requests.map((request) => ({ key: options.keyOf(request), run: () => driver.send(request, options.transport) })),
        options.concurrency,
      );
      let accepted = false;
      let shown = false;
      for (const [index, response] of responses.entries()) {
        const request = requests[index] as GeneratedRequest;
        tally[options.transport === 'http' ? 'http' : 'inProcess'] += 1;
        tally.statuses[response.status] = (tally.statuses[response.status] ?? 0) + 1;
        if (response.status >= 500) {
          tally.fiveHundreds += 1;
          throw new Error(`${options.route} answered ${response.status} (${options.transport}) to ${describeRequest(request)}`);
        }
        if (response.status >= 400 && !refusalStatuses.has(response.status)) {
          throw new Error(`${options.route} refused with an unexpected status ${response.status} to ${describeRequest(request)}`);
        }
        if (response.contentType.startsWith('text/html')) {
          const marker = unescapedInjection(response.body);
          if (marker !== undefined) {
            tally.reflections += 1;
            throw new Error(`${options.route} showed ${marker} unescaped in a page, for ${describeRequest(request)}`);
          }
        }
        if (mayChangeState(options.route, request, response)) {
          accepted = true;
          options.onAccepted?.(request);
        }
        shown ||= (response.status < 400 && !isSignInRedirect(response)) || showsAPage(response);
      }
      assertNoPollution(options.pollutionBaseline);
      if (accepted) {
        tally.acceptedBatches += 1;
        await options.afterAccepted?.();
        before = await settled(driver);
        return;
      }
      const after = await driver.snapshot();
      if (after.state !== before.state) {
        throw new Error(`${options.route}: a batch of refused requests changed the table (${before.items} items before, ${after.items} after)`);
      }
      tally.comparedBatches += 1;
      if (!shown) {
        if (after.strict !== before.strict) {
          throw new Error(`${options.route}: a batch of refused requests that showed no page wrote an audit record (${before.items} items before, ${after.items} after)`);
        }
        tally.strictBatches += 1;
      }
      before = after;
    }),
    { numRuns: batches, seed: options.seed, endOnFailure: true },
  );
}
