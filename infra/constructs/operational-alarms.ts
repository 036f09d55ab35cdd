import { Annotations, ArnFormat, Aspects, Duration, Stack } from 'aws-cdk-lib';
import type { IAspect } from 'aws-cdk-lib';
import { Alarm, CfnAlarm, ComparisonOperator, Stats, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { IConstruct } from 'constructs';

/**
 * The thresholds of the alarms below. This service is quiet (proposals arrive one at a time from
 * court officers), so one failure is already worth a look; the exception is aborted executions,
 * which withdrawals and early UNSUITABLE decisions cause on purpose.
 */
export const alarmThresholds = {
  /** Every count alarm looks at 5-minute sums: long enough to batch a burst, short enough to act. */
  period: Duration.minutes(5),
  /**
   * Aborted executions in one hour. functions/checks-workflow/executions.ts stops an execution when its
   * proposal is withdrawn or decided UNSUITABLE early, one proposal at a time; this many in an hour
   * is someone stopping executions by hand or a fault stopping them wrongly.
   */
  abortedPerHour: 10,
} as const;

/** `name@domain`; CloudFormation would accept anything and SNS would then fail the deploy. */
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface OperationalAlarmsProps {
  /** Subscribed to the topic by email (the address must confirm the subscription). */
  readonly alarmEmail?: string;
}

/**
 * The one SNS topic every CloudWatch alarm in the stack notifies, in alarm and back to OK, and the
 * alarm factories for functions, the state machine and dead-letter queues. An aspect adds the
 * topic to every Alarm in the stack, so an alarm added anywhere later cannot stay silent.
 */
export class OperationalAlarms extends Construct {
  readonly topicKey: Key;
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: OperationalAlarmsProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);

    // A key of our own: CloudWatch cannot publish to a topic encrypted with the AWS managed SNS
    // key, whose key policy cannot grant it anything.
    this.topicKey = new Key(this, 'TopicKey', {
      description: 'Encrypts the operational alarms topic of the curfew checks stack',
      enableKeyRotation: true,
    });
    this.topicKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToTheEncryptedTopic',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        // A key policy's resource is always the key itself.
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Curfew checks: operational alarms',
      masterKey: this.topicKey,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OnlyThisAccountsAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
      }),
    );
    if (props.alarmEmail !== undefined) {
      if (!emailPattern.test(props.alarmEmail)) throw new Error(`alarmEmail must be an email address, got ${props.alarmEmail}`);
      this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    }

    Aspects.of(stack).add(new NotifyOnEveryAlarm(new SnsAction(this.topic)));
  }

  /**
   * Errors and Throttles of one function; `onError` says what an error means and what to do. The
   * alarms go in `scope` (by default here): a function in a nested stack keeps its alarms beside
   * it, so the main stack's template does not grow with every function.
   */
  watchFunction(fn: IFunction, name: string, onError: string, scope: Construct = this): void {
    this.#countAlarm(`${name}-Errors`, fn.metricErrors({ period: alarmThresholds.period, statistic: Stats.SUM }), 1,
      `${name} failed (an unhandled error or a timeout) in the last 5 minutes. ${onError} Its log group has the error ` +
        'with the request id, and X-Ray the trace.', scope);
    this.#countAlarm(`${name}-Throttles`, fn.metricThrottles({ period: alarmThresholds.period, statistic: Stats.SUM }), 1,
      `${name} was throttled: Lambda refused invocations because the account's concurrency in this region was used up. ` +
        'Check ConcurrentExecutions for the account: if the load is real, ask for a higher Lambda concurrency quota; ' +
        'if not, look for a loop or a flood of requests (AWS WAF\'s sampled requests).', scope);
  }

  /** Failed, timed out, throttled and (unusually many) aborted executions. */
  watchStateMachine(stateMachine: IStateMachine): void {
    const every = { period: alarmThresholds.period, statistic: Stats.SUM };
    const redrive =
      'The execution is named by the proposal id. Open it in the Step Functions console, read the failed state\'s ' +
      'error (the workflow log group has every transition), fix the cause, then redrive it ' +
      '(aws stepfunctions redrive-execution) so the proposal\'s checks carry on from that state.';
    this.#countAlarm('Workflow-ExecutionsFailed', stateMachine.metricFailed(every), 1,
      `An execution of the curfew checks workflow failed: every task catches its errors, so even the needs-attention path failed and that proposal's checks have stopped. ${redrive}`);
    this.#countAlarm('Workflow-ExecutionsTimedOut', stateMachine.metricTimedOut(every), 1,
      `An execution of the curfew checks workflow timed out as a whole and that proposal's checks have stopped. ${redrive}`);
    this.#countAlarm('Workflow-ExecutionThrottled', stateMachine.metricThrottled(every), 1,
      'Step Functions throttled state transitions of the curfew checks workflow: this service runs far below the quota, ' +
        'so look for a loop in an execution (the workflow log group) before asking for a higher state transition quota.');
    this.#countAlarm('Workflow-ExecutionsAborted', stateMachine.metricAborted({ period: Duration.hours(1), statistic: Stats.SUM }), alarmThresholds.abortedPerHour,
      `At least ${alarmThresholds.abortedPerHour} executions of the curfew checks workflow were stopped in one hour. Withdrawals and early ` +
        'UNSUITABLE decisions stop executions one at a time (error ProposalClosed); this many suggests executions stopped by hand ' +
        'or by a fault. List the aborted executions, compare their errors and proposals with the audit trail, and start again ' +
        'any whose proposal is still open.');
  }

  #countAlarm(id: string, metric: IMetric, threshold: number, description: string, scope: Construct = this): Alarm {
    return new Alarm(scope, id, {
      alarmDescription: description,
      metric,
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      // No data means nothing ran, which is not a failure.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}

/**
 * Anything in a dead-letter queue is a failure nobody has looked at yet. A function rather than a
 * method of OperationalAlarms: whoever creates a queue creates its alarm beside it, and the
 * aspect adds the topic.
 */
export function deadLetterQueueAlarm(scope: Construct, id: string, queue: IQueue, whatToDo: string): Alarm {
  return new Alarm(scope, id, {
    alarmDescription: `${whatToDo} Read the queue's messages for the failed events, then delete them once handled.`,
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: alarmThresholds.period, statistic: Stats.MAXIMUM }),
    threshold: 0,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}

/**
 * Adds the topic as alarm and OK action of every Alarm in the stack, once each. A bare CfnAlarm
 * would escape it, so one fails the synth instead.
 */
class NotifyOnEveryAlarm implements IAspect {
  readonly #action: SnsAction;
  readonly #done = new WeakSet<Alarm>();

  constructor(action: SnsAction) {
    this.#action = action;
  }

  visit(node: IConstruct): void {
    if (node instanceof Alarm) {
      if (this.#done.has(node)) return;
      this.#done.add(node);
      node.addAlarmAction(this.#action);
      node.addOkAction(this.#action);
    } else if (node instanceof CfnAlarm && !(node.node.scope instanceof Alarm)) {
      Annotations.of(node).addError('Create alarms with the Alarm construct, so the operational alarms topic is added to them');
    }
  }
}
