import type { LambdaRunner } from './lambda-runner.ts';

/**
 * The local stand-in for what feeds `deliver-messages` when deployed (the table's stream and a
 * schedule): a timer that invokes it every `intervalMs` while GOV.UK Notify is configured. Runs
 * never overlap; a failed run is reported and the next one tries again, as the stream would.
 */
export interface NotifyDispatcher {
  /** Stops the timer and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

export function startNotifyDispatcher(runner: Pick<LambdaRunner, 'invoke'>, options: { intervalMs?: number; onError?: (error: unknown) => void } = {}): NotifyDispatcher {
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (running !== undefined || stopped) {
      return;
    }
    running = runner
      .invoke('deliver-messages', {})
      .then(
        () => undefined,
        (error: unknown) => options.onError?.(error),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, options.intervalMs ?? 500);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
