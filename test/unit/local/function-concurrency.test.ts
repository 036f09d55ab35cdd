import { describe, expect, it } from 'vitest';
import { createFunctionConcurrency, ThrottledError } from '../../../infra/local/function-concurrency.ts';

/** A piece of work that runs until its test lets it finish. */
function heldWork() {
  const { promise, resolve } = Promise.withResolvers<void>();
  let started = false;
  return {
    work: async () => {
      started = true;
      await promise;
      return 'done';
    },
    get started() {
      return started;
    },
    finish: () => resolve(),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('Lambda concurrency on the local stack', () => {
  it('runs at most the limit of one function at once; the next starts when one ends, in order', async () => {
    const concurrency = createFunctionConcurrency({ perFunction: 2, workflowWaitMs: 1_000});
    const works = [heldWork(), heldWork(), heldWork(), heldWork()];
    const results = works.map((held) => concurrency.run('plan-checks', 'workflow', held.work));
    await settle();
    expect(works.map((held) => held.started)).toEqual([true, true, false, false]);
    expect(concurrency.snapshot()).toEqual([{ functionName: 'plan-checks', running: 2, waiting: 2 }]);

    works[1]?.finish();
    await settle();
    expect(works.map((held) => held.started)).toEqual([true, true, true, false]);

    for (const held of works) held.finish();
    await expect(Promise.all(results)).resolves.toEqual(['done', 'done', 'done', 'done']);
    expect(concurrency.snapshot()).toEqual([{ functionName: 'plan-checks', running: 0, waiting: 0 }]);
  });

  it('limits each function on its own: a busy function does not hold up another', async () => {
    const concurrency = createFunctionConcurrency({ perFunction: 1, workflowWaitMs: 1_000});
    const busy = heldWork();
    const other = heldWork();
    const first = concurrency.run('create-proposal', 'request', busy.work);
    const second = concurrency.run('get-proposal', 'request', other.work);
    await settle();
    expect(other.started).toBe(true);
    busy.finish();
    other.finish();
    await Promise.all([first, second]);
  });

  it('throttles a workflow task that waited too long with the error its Retry matches, and never runs it', async () => {
    const concurrency = createFunctionConcurrency({ perFunction: 1, workflowWaitMs: 20});
    const busy = heldWork();
    const running = concurrency.run('assess-checks', 'workflow', busy.work);
    const queued = heldWork();
    const error = await concurrency.run('assess-checks', 'workflow', queued.work).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as Error).name).toBe('Lambda.TooManyRequestsException');
    expect(queued.started).toBe(false);
    expect(concurrency.throttled()).toEqual({ 'assess-checks': 1 });

    // The slot it gave up goes to the next caller, not to the throttled one.
    const later = heldWork();
    const afterwards = concurrency.run('assess-checks', 'workflow', later.work);
    busy.finish();
    await running;
    await settle();
    expect(later.started).toBe(true);
    later.finish();
    await afterwards;
  });

  it('queues HTTP requests and events (schedules, the stream) as long as it takes instead of throttling them', async () => {
    const concurrency = createFunctionConcurrency({ perFunction: 1, workflowWaitMs: 1 });
    const busy = heldWork();
    const running = concurrency.run('deliver-messages', 'event', busy.work);
    const queued = heldWork();
    const waiting = concurrency.run('deliver-messages', 'event', queued.work);
    const busyRequest = heldWork();
    const request = concurrency.run('create-proposal', 'request', busyRequest.work);
    const queuedRequest = heldWork();
    const waitingRequest = concurrency.run('create-proposal', 'request', queuedRequest.work);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect([queued.started, queuedRequest.started]).toEqual([false, false]);
    for (const held of [busy, queued, busyRequest, queuedRequest]) held.finish();
    await expect(Promise.all([running, waiting, request, waitingRequest])).resolves.toEqual(['done', 'done', 'done', 'done']);
    expect(concurrency.throttled()).toEqual({});
  });

  it('frees the slot when the work fails', async () => {
    const concurrency = createFunctionConcurrency({ perFunction: 1, workflowWaitMs: 1_000});
    await expect(concurrency.run('record-decision', 'request', () => Promise.reject(new Error('handler failed')))).rejects.toThrow('handler failed');
    await expect(concurrency.run('record-decision', 'request', () => Promise.resolve('next'))).resolves.toBe('next');
  });
});
