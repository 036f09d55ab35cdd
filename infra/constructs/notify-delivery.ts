import { Annotations, Duration, SecretValue } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { localTemplateIds, resolveTemplateIds } from '#notify/templates';
import { AsyncInvocationFailures, deadLetterQueue } from '#infra/constructs/async-failures';
import { InvokeFunction, schedulerRole } from '#infra/constructs/scheduled-function';
import type { HandlerFunction } from '#infra/constructs/handler-function';

/**
 * What feeds GOV.UK Notify delivery when deployed, and the secrets it needs. Locally the same
 * function is invoked by a timer (infra/local/notify-dispatcher.ts). See
 * docs/decisions/0007-notify-delivery.md for the choices made here.
 */

/** The registry names of the two Notify functions. */
export const notifyFunctionNames = { deliverer: 'deliver-messages', callback: 'notify-callback' } as const;

export const notifyDeliverySettings = {
  /**
   * deliver-messages only. A send that gets no answer is abandoned after 20 s
   * (functions/notify/notify-gateway.ts), a stream batch is at most `batchSize` messages
   * sent `batchSize` at a time (deliver-messages' concurrency), so one batch is one round of a
   * reference lookup and a send; a sweep that runs out of time leaves the rest to the next one
   * (every claim is conditional, and a claim left SENDING is settled by reference after 2 min).
   */
  timeout: Duration.seconds(60),
  /** Matches deliver-messages' concurrency of 4: one batch, one round of Notify calls. */
  batchSize: 4,
  /** A failing batch is split in two and retried this many times, then reported to the DLQ. */
  retryAttempts: 3,
  /** The sweep: retries whose backoff has passed, and claims left SENDING by a crash. */
  sweepEvery: Duration.minutes(1),
} as const;

/**
 * The event filter: only new outbox items (`pk` = `OUTBOX`, see functions/store/outbox.ts). Our own
 * MODIFY writes (claim, retry, sent, receipt) never invoke the function; REMOVE (TTL) neither.
 */
export const outboxInsertFilter = { eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: ['OUTBOX'] } } } } as const;

/**
 * The API key secret's value until someone puts the real key there. Never change this text: a
 * changed SecretString in the template makes CloudFormation write it over the key put there by hand.
 */
export const notifyApiKeyPlaceholder = 'PLACEHOLDER: put the GOV.UK Notify API key here with aws secretsmanager put-secret-value';

/**
 * The made-up template ids the local fake Notify server accepts (functions/notify/templates.ts).
 * They let `cdk synth` work with no context; real GOV.UK Notify rejects every one of them, so a
 * deployment that sends messages needs `-c notifyTemplates=...` with the service's real ids.
 */
export const defaultNotifyTemplates = JSON.stringify(localTemplateIds);

export interface NotifyDeliveryProps {
  /** The table, with a stream (KEYS_ONLY is enough: deliver-messages reads only the keys). */
  readonly table: ITable;
  /** deliver-messages. */
  readonly deliverer: HandlerFunction;
  /** notify-callback. */
  readonly callbackReceiver: HandlerFunction;
  /** NOTIFY_TEMPLATES for deliver-messages: JSON, the shape of functions/notify/templates.ts. */
  readonly templates: string;
}

/**
 * - the table's stream → deliver-messages, new outbox items only, small batches, bisect on error,
 *   a bounded retry count, then the failed batch's description to an SQS dead-letter queue (the
 *   message itself stays PENDING in the table, where the sweep finds it);
 * - an EventBridge Scheduler schedule invoking deliver-messages with `{}` every minute (the sweep),
 *   whose failed runs (Scheduler's and Lambda's asynchronous ones) go to a second dead-letter queue;
 * - alarms on the dead-letter queue's depth and on deliver-messages failing minute after minute;
 * - two secrets: the Notify API key (a placeholder until it is put there by hand) and the bearer
 *   token Notify sends with delivery receipts (generated). Each function gets its secret's ARN and
 *   may read only that secret; the values never appear in the template or in an environment variable.
 */
export class NotifyDelivery extends Construct {
  readonly apiKeySecret: Secret;
  readonly callbackTokenSecret: Secret;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;
  readonly failingAlarm: Alarm;
  readonly sweepSchedule: Schedule;
  /** Assumed by EventBridge Scheduler: may invoke deliver-messages, nothing else. */
  readonly sweepRole: Role;
  /** Sweeps that failed: Scheduler could not invoke deliver-messages, or it failed on the `{}` event. */
  readonly sweepFailures: AsyncInvocationFailures;

  constructor(scope: Construct, id: string, props: NotifyDeliveryProps) {
    super(scope, id);
    const { deliverer, callbackReceiver, table } = props;
    if (table.tableStreamArn === undefined) {
      throw new Error('Notify delivery needs the table to have a stream');
    }
    validateTemplates(this, props.templates);

    // ---------------------------------------------------------------- secrets
    this.apiKeySecret = new Secret(this, 'ApiKey', {
      description:
        'GOV.UK Notify API key ({key_name}-{service_id}-{secret}) for deliver-messages. Created with a placeholder: set it with ' +
        'aws secretsmanager put-secret-value --secret-id <this secret> --secret-string <key> (see README, Deploying to AWS).',
      secretStringValue: SecretValue.unsafePlainText(notifyApiKeyPlaceholder),
    });
    this.callbackTokenSecret = new Secret(this, 'CallbackToken', {
      description:
        'Bearer token GOV.UK Notify sends with delivery receipts to <publicBaseUrl>/notify/callback. Generated; ' +
        'read it with aws secretsmanager get-secret-value and enter it in the Notify service\'s callback settings.',
      generateSecretString: { excludePunctuation: true, includeSpace: false, passwordLength: 48 },
    });
    grantSecretValue(deliverer, this.apiKeySecret);
    grantSecretValue(callbackReceiver, this.callbackTokenSecret);
    deliverer.setEnvironmentGroup('notifySending', { NOTIFY_API_KEY_SECRET_ARN: this.apiKeySecret.secretArn, NOTIFY_TEMPLATES: props.templates });
    callbackReceiver.setEnvironmentGroup('notifyCallback', { NOTIFY_CALLBACK_TOKEN_SECRET_ARN: this.callbackTokenSecret.secretArn });

    // ---------------------------------------------------------------- stream → deliver-messages
    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetterQueue');
    deliverer.function.addEventSource(
      new DynamoEventSource(table, {
        // The stream is created with this mapping, so its start loses nothing.
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: notifyDeliverySettings.batchSize,
        bisectBatchOnError: true,
        retryAttempts: notifyDeliverySettings.retryAttempts,
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: [FilterCriteria.filter(outboxInsertFilter)],
      }),
    );

    // ---------------------------------------------------------------- the sweep
    // Not retried by Lambda either: a failed sweep leaves every message PENDING for the next one.
    this.sweepFailures = new AsyncInvocationFailures(this, 'SweepFailures', {
      fn: deliverer.function,
      retryAttempts: 0,
      maxEventAge: notifyDeliverySettings.sweepEvery,
      whatToDo:
        'A sweep of deliver-messages failed (EventBridge Scheduler invokes it every minute). Messages stay PENDING and the ' +
        'next sweep tries them again. Find why in deliver-messages\' logs; DeliveryFailingAlarm says whether it still fails.',
    });
    this.sweepRole = schedulerRole(this, 'SweepRole', 'EventBridge Scheduler: invokes deliver-messages every minute (the Notify sweep)');
    this.sweepSchedule = new Schedule(this, 'Sweep', {
      description: 'Every minute: deliver-messages sweeps retries whose backoff has passed and messages stuck in SENDING',
      schedule: ScheduleExpression.rate(notifyDeliverySettings.sweepEvery),
      target: new InvokeFunction(deliverer.function, {
        role: this.sweepRole,
        input: ScheduleTargetInput.fromObject({}),
        // A missed sweep is not retried: the next one is a minute away and does the same work.
        retryAttempts: 0,
        maxEventAge: Duration.seconds(60),
        deadLetterQueue: this.sweepFailures.queue,
      }),
    });

    // ---------------------------------------------------------------- alarms (OperationalAlarms adds their actions)
    this.deadLetterAlarm = new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription:
        'A batch of new outbox messages failed in deliver-messages after every retry. The messages stay PENDING and the ' +
        'every-minute sweep keeps trying them; look at deliver-messages\' logs for why (often the API key or templates).',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: Stats.MAXIMUM }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.failingAlarm = new Alarm(this, 'DeliveryFailingAlarm', {
      alarmDescription:
        'deliver-messages has failed in each of the last 5 minutes (the sweep runs every minute): messages are not ' +
        'reaching GOV.UK Notify. Look at its logs (a missing or wrong API key fails it at start).',
      metric: deliverer.function.metricErrors({ period: Duration.minutes(1), statistic: Stats.SUM }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 5,
      datapointsToAlarm: 5,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}

/**
 * `secretsmanager:GetSecretValue` on that one secret, nothing else (no DescribeSecret, no other
 * secret). The function is told the secret's ARN (its Notify environment group) and reads the
 * value itself at cold start: never a plain environment variable holding the value.
 */
function grantSecretValue(handler: HandlerFunction, secret: Secret): void {
  handler.function.addToRolePolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));
}

/**
 * The same check deliver-messages makes at cold start against real Notify, at synth instead, and a
 * warning when any made-up local id would be sent to Notify.
 */
function validateTemplates(scope: Construct, templates: string): void {
  try {
    resolveTemplateIds(templates, { complete: true });
  } catch (error) {
    throw new Error(`notifyTemplates: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const localIds = Object.values(localTemplateIds).flatMap((slots) => Object.values(slots));
  const used = localIds.filter((templateId) => templates.includes(templateId));
  if (used.length > 0) {
    Annotations.of(scope).addWarningV2(
      'curfew-checks:notify-local-templates',
      `notifyTemplates uses ${used.length} made-up local template id(s): GOV.UK Notify rejects them, so those messages ` +
        'end PERMANENT_FAILURE. Pass -c notifyTemplates=\'{...}\' with the real ids (README, Deploying to AWS).',
    );
  }
}
