import { addDays } from '../../functions/domain/calendar-date.ts';
import { londonDate, londonWallTimeToUtc } from '../../functions/domain/london-time.ts';
import type { FunctionDefinition, FunctionSchedule } from '../function-registry.ts';
import type { LambdaRunner } from './lambda-runner.ts';

/**
 * The local stand-in for EventBridge Scheduler: each registry entry with a `schedule` is invoked
 * with `{}` at its London time, Monday to Friday, or every so many minutes, while the stack runs. Times are real (not the
 * test clock): a test that wants a run calls {@link LocalScheduler.runNow}.
 */
export interface LocalScheduler {
  /** Invokes a scheduled function at once, as its schedule would. */
  runNow(name: string): Promise<unknown>;
  stop(): Promise<void>;
}

/** The next instant after `after` at which the schedule fires. */
export function nextRun(schedule: FunctionSchedule, after: Date): Date {
  if ('everyMinutes' in schedule) {
    return new Date(after.getTime() + schedule.everyMinutes * 60_000);
  }
  for (let day = 0; day < 8; day += 1) {
    const date = addDays(londonDate(after), day);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    const at = londonWallTimeToUtc(date, schedule.weekdaysAtLondonTime);
    if (weekday !== 0 && weekday !== 6 && at > after) {
      return at;
    }
  }
  throw new Error(`No run within a week for ${schedule.weekdaysAtLondonTime}`);
}

export function startLocalScheduler(registry: readonly FunctionDefinition[], runner: Pick<LambdaRunner, 'invoke'>, options: { onError?: (name: string, error: unknown) => void } = {}): LocalScheduler {
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  const run = (name: string): Promise<unknown> => {
    const invocation = runner.invoke(name, {});
    running.add(invocation);
    return invocation.finally(() => running.delete(invocation));
  };

  const plan = (definition: FunctionDefinition & { schedule: FunctionSchedule }) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      run(definition.name).catch((error: unknown) => options.onError?.(definition.name, error));
      plan(definition);
    }, nextRun(definition.schedule, new Date()).getTime() - Date.now());
    timer.unref();
    timers.add(timer);
  };

  for (const definition of registry) {
    if (definition.schedule !== undefined) {
      plan({ ...definition, schedule: definition.schedule });
    }
  }
  return {
    runNow: run,
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled([...running]);
    },
  };
}
