import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import type { IScheduleTarget } from 'aws-cdk-lib/aws-scheduler';
import { ScheduleTargetBase } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ScheduleTargetBaseProps } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { AsyncInvocationFailures } from '#infra/constructs/async-failures';
import type { FunctionSchedule } from '#infra/function-registry';

/**
 * The retries of a scheduled run (the same for every schedule). EventBridge Scheduler invokes Lambda asynchronously, so there are
 * two kinds: Scheduler's, when the invocation itself fails (throttled, no permission), and
 * Lambda's, when the function fails. A run is for a working day's morning: an hour late is still
 * useful, later it is better left to the next day and the dead-letter queue's alarm.
 */
export const scheduledRunRetries = {
  schedulerRetryAttempts: 3,
  lambdaRetryAttempts: 2,
  maxEventAge: Duration.hours(1),
} as const;

/** `HH:MM` (24-hour) → Monday to Friday at that time in Europe/London, clock changes included. */
export function weekdaysAtLondonTime(time: string): ScheduleExpression {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (match === null) throw new Error(`weekdaysAtLondonTime must be HH:MM (24-hour), got ${time}`);
  const [, hour = '', minute = ''] = match;
  return ScheduleExpression.cron({
    minute: String(Number(minute)),
    hour: String(Number(hour)),
    weekDay: 'MON-FRI',
    timeZone: TimeZone.EUROPE_LONDON,
  });
}

/** A registry schedule as Scheduler's expression: a London cron on weekdays, or a rate. */
export function scheduleExpression(schedule: FunctionSchedule): ScheduleExpression {
  return 'everyMinutes' in schedule ? ScheduleExpression.rate(Duration.minutes(schedule.everyMinutes)) : weekdaysAtLondonTime(schedule.weekdaysAtLondonTime);
}

/** The role EventBridge Scheduler assumes, for schedules of this account only (the confused deputy guard AWS recommends). */
export function schedulerRole(scope: Construct, id: string, description: string): Role {
  return new Role(scope, id, {
    description,
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } } }),
  });
}

export interface ScheduledRunProps {
  /** The registry name of the function, for descriptions. */
  readonly name: string;
  readonly fn: IFunction;
  readonly schedule: FunctionSchedule;
}

/**
 * A registry entry's `schedule`: its function invoked with `{}` Monday to Friday at a London
 * time, by its own role, with Scheduler's and Lambda's retries, and every run that still fails
 * in one dead-letter queue with an alarm.
 */
export class ScheduledRun extends Construct {
  readonly role: Role;
  readonly schedule: Schedule;
  readonly failures: AsyncInvocationFailures;

  constructor(scope: Construct, id: string, props: ScheduledRunProps) {
    super(scope, id);
    const { name, fn, schedule } = props;
    this.failures = new AsyncInvocationFailures(this, 'Failures', {
      fn,
      retryAttempts: scheduledRunRetries.lambdaRetryAttempts,
      maxEventAge: scheduledRunRetries.maxEventAge,
      whatToDo:
        `A scheduled run of ${name} (${schedule.description}) failed after every retry. Find the error in its log group, ` +
        `fix it, then run it once by hand: aws lambda invoke --function-name <${name}> --payload '{}' out.json.`,
    });
    const when = 'everyMinutes' in schedule ? `every ${schedule.everyMinutes} min` : `on weekdays at ${schedule.weekdaysAtLondonTime} London time`;
    this.role = schedulerRole(this, 'Role', `EventBridge Scheduler: invokes ${name} ${when}`);
    this.schedule = new Schedule(this, 'Schedule', {
      description: schedule.description,
      schedule: scheduleExpression(schedule),
      target: new InvokeFunction(fn, {
        role: this.role,
        input: ScheduleTargetInput.fromObject({}),
        retryAttempts: scheduledRunRetries.schedulerRetryAttempts,
        maxEventAge: scheduledRunRetries.maxEventAge,
        deadLetterQueue: this.failures.queue,
      }),
    });
  }
}

/**
 * A Scheduler target that may invoke the function by its unqualified ARN only. aws-scheduler-targets'
 * LambdaInvoke uses `grantInvoke`, which also allows `<arn>:*` (every version and alias), which
 * nothing here uses (the same choice as the state machine's grant).
 */
export class InvokeFunction extends ScheduleTargetBase implements IScheduleTarget {
  readonly #fn: IFunction;

  constructor(fn: IFunction, props: ScheduleTargetBaseProps) {
    super(props, fn.functionArn);
    this.#fn = fn;
  }

  protected addTargetActionToRole(role: IRole): void {
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.#fn.functionArn] }));
  }
}
