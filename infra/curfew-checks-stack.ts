import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpRoute, HttpRouteKey, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { AsyncInvocationFailures } from '#infra/constructs/async-failures';
import { DomainEvents, domainEventsFunctionName } from '#infra/constructs/domain-events';
import { EdgeDistribution } from '#infra/constructs/edge-distribution';
import { FunctionGroupStack, functionGroupOf } from '#infra/constructs/function-group';
import { OriginVerification } from '#infra/constructs/origin-verification';
import { HandlerFunction, grantTableAccess, type EnvironmentValues } from '#infra/constructs/handler-function';
import { NotifyDelivery, defaultNotifyTemplates, notifyDeliverySettings, notifyFunctionNames } from '#infra/constructs/notify-delivery';
import { OperationalAlarms } from '#infra/constructs/operational-alarms';
import { PerformanceCounts, performanceCountsFunctionName } from '#infra/constructs/performance-counts';
import { ScheduledRun } from '#infra/constructs/scheduled-function';
import { StaticAssetsBucket, matchesStaticPattern } from '#infra/constructs/static-assets-bucket';
import { StaffSignIn } from '#infra/constructs/staff-sign-in';
import { deployedFunctions } from '#infra/function-registry';
import type { FunctionDefinition } from '#infra/function-registry';
import { acknowledgeNagFindings } from '#infra/nag-suppressions';
import { staticFiles, staticFolders } from '#infra/static-assets';
import { tableKeys } from '#store/table-definition';

/** The repository root: entry files, the lock file and the workflow file are relative to it. */
const defaultProjectRoot = path.resolve(import.meta.dirname, '..');

/** The workflow definition, relative to the repository root. */
export const workflowDefinitionPath = 'workflows/curfew-checks.asl.json';

export interface CurfewChecksStackProps extends StackProps {
  /** Origin of the links in emails, e.g. `https://curfew-checks.example.gov.uk` (no trailing slash). */
  readonly publicBaseUrl: string;
  /** Repository root; defaults to the directory above `infra/`. */
  readonly projectRoot?: string;
  /** ARN of the CLOUDFRONT-scope WebACL from the us-east-1 edge stack (a cross-region reference). */
  readonly webAclArn: string;
  /** Prefix of the Cognito hosted sign-in domain; defaults to `curfew-checks-<stack name, lower case>`. */
  readonly cognitoDomainPrefix?: string;
  /**
   * Optional custom domain for CloudFront; the certificate must be an ACM certificate in us-east-1.
   * Without it users reach the system on the distribution's `*.cloudfront.net` name.
   */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /**
   * NOTIFY_TEMPLATES for deliver-messages: GOV.UK Notify template ids as JSON, the shape of
   * functions/notify/templates.ts, every slot set. Defaults to the made-up local ids, which
   * real Notify rejects (the synth warns): a deployment that sends messages must pass real ones.
   */
  readonly notifyTemplates?: string;
  /** Subscribed by email to the operational alarms topic; without it, subscribe someone to the topic by hand. */
  readonly alarmEmail?: string;
}

/** The default Cognito domain prefix for a stack: lower case, only letters, digits and hyphens. */
export function defaultCognitoDomainPrefix(stackName: string): string {
  return `curfew-checks-${stackName.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`;
}

/**
 * The deployed curfew checks system: one table, one Lambda per registry entry, the Standard
 * workflow from the ASL file, and the HTTP API in front of the handlers.
 */
export class CurfewChecksStack extends Stack {
  readonly table: Table;
  readonly tableKey: Key;
  /** Fixed (see the dependency cycle note below) and derived from the stack name. */
  readonly stateMachineName: string;
  readonly handlers: readonly HandlerFunction[];
  /** The nested stacks the functions live in, one per handler folder (see FunctionGroupStack). */
  readonly functionGroups: readonly FunctionGroupStack[];
  readonly stateMachine: StateMachine;
  readonly httpApi: HttpApi;
  readonly httpStage: HttpStage;
  readonly signIn: StaffSignIn;
  readonly edge: EdgeDistribution;
  /** The secret header CloudFront sends the API and every route requires. */
  readonly originVerification: OriginVerification;
  readonly staticAssets: StaticAssetsBucket;
  readonly notify: NotifyDelivery;
  /** The table's stream → the P&Q counters, and the operators' dashboard (ADR 0020). */
  readonly performanceCounts: PerformanceCounts;
  /** The domain events' bus, archive, rule and schemas, and the stream → publish-domain-events (ADR 0027). */
  readonly domainEvents: DomainEvents;
  readonly alarms: OperationalAlarms;
  /** One per registry entry with a `schedule`. */
  readonly scheduledRuns: readonly ScheduledRun[];
  /** Failed runs of the CDK function that uploads the static files (CloudFormation invokes it asynchronously). */
  readonly staticAssetsDeploymentFailures: AsyncInvocationFailures;

  constructor(scope: Construct, id: string, props: CurfewChecksStackProps) {
    super(scope, id, props);
    const projectRoot = props.projectRoot ?? defaultProjectRoot;
    // First, so its aspect is in place whatever adds an alarm after it.
    this.alarms = new OperationalAlarms(this, 'Alarms', props.alarmEmail === undefined ? {} : { alarmEmail: props.alarmEmail });

    // ---------------------------------------------------------------- table
    this.tableKey = new Key(this, 'TableKey', {
      description: 'Encrypts the curfew checks table (proposals, safeguarding answers, consents)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table = new Table(this, 'Table', {
      partitionKey: { name: tableKeys.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableKeys.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: tableKeys.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.tableKey,
      removalPolicy: RemovalPolicy.RETAIN,
      // Feeds deliver-messages new outbox items. Keys only: the function reads the item itself
      // (consistently) before sending, so the stream never carries addresses, links or answers.
      stream: StreamViewType.KEYS_ONLY,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: tableKeys.courtListIndex.indexName,
      partitionKey: { name: tableKeys.courtListIndex.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableKeys.courtListIndex.sortKey, type: AttributeType.STRING },
    });
    // Outbox messages still to deliver (sparse, keys only): the delivery sweep reads only these (ADR 13).
    this.table.addGlobalSecondaryIndex({
      indexName: tableKeys.undeliveredIndex.indexName,
      partitionKey: { name: tableKeys.undeliveredIndex.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableKeys.undeliveredIndex.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType[tableKeys.undeliveredIndex.projection],
    });

    // ---------------------------------------------------------------- the state machine's ARN
    // The dependency cycle: the state machine's definition needs every workflow function's ARN,
    // while functions that answer tasks, start, stop or describe executions need the state
    // machine's ARN in their policy (and some in their environment). Referencing
    // `stateMachine.stateMachineArn` from a function would make CloudFormation wait for each
    // resource before the other. So the state machine gets a fixed name derived from the stack
    // name, and the functions use an ARN built from that name and the stack's partition, region
    // and account (Stack.formatArn): it names the same state machine but references no resource.
    // The stack name in the state machine name keeps two stacks in one account apart.
    const stateMachineName = `${this.stackName}-curfew-checks`;
    this.stateMachineName = stateMachineName;
    const stateMachineArn = this.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const stateMachineRef: IStateMachine = StateMachine.fromStateMachineArn(this, 'StateMachineRef', stateMachineArn);

    // ---------------------------------------------------------------- staff sign-in
    this.signIn = new StaffSignIn(this, 'StaffSignIn', {
      publicBaseUrl: props.publicBaseUrl,
      domainPrefix: props.cognitoDomainPrefix ?? defaultCognitoDomainPrefix(this.stackName),
    });

    // ---------------------------------------------------------------- the header only CloudFront sends
    this.originVerification = new OriginVerification(this, 'OriginVerification');

    // ---------------------------------------------------------------- environment
    // Each function gets the groups its registry entry names (functions/runtime/environment.ts):
    // these values, TABLE_NAME from grantTableAccess and the Notify secrets from NotifyDelivery.
    // `clock` and `linkLifetimes` have nothing here: deployed, the defaults apply.
    const environment: EnvironmentValues = {
      core: { PUBLIC_BASE_URL: props.publicBaseUrl },
      workflow: { STATE_MACHINE_ARN: stateMachineArn },
      signIn: {
        OIDC_ISSUER: this.signIn.issuer,
        OIDC_CLIENT_ID: this.signIn.client.userPoolClientId,
        // Cognito access tokens carry no `aud` claim: they name the app client in `client_id`. So the
        // audience the handlers check is the client id (and ID tokens' `aud` is the client id too).
        OIDC_AUDIENCE: this.signIn.client.userPoolClientId,
      },
      // Staff and link holders are always on HTTPS (CloudFront redirects http), so cookies are Secure.
      cookies: { SESSION_COOKIE_SECURE: 'true' },
      // Every function that serves routes: the ARN only; the value is read at cold start.
      originVerify: { ORIGIN_VERIFY_TOKEN_SECRET_ARN: this.originVerification.secret.secretArn },
    };

    // ---------------------------------------------------------------- functions
    // Every function has handlerDefaults.timeout except these (each says why where it is set).
    const timeouts: Readonly<Record<string, Duration>> = {
      [notifyFunctionNames.deliverer]: notifyDeliverySettings.timeout,
      // Reads every court team's week of hearings in one run (about 20 queries per court, 10 at a time).
      'send-overdue-digest': Duration.minutes(5),
      // Reads every court's list of outstanding checks (one query per court) and writes one message per agency mailbox.
      'send-agency-digests': Duration.minutes(5),
    };
    // Each function in its group's nested stack, so no template comes near CloudFormation's 500
    // resources (FunctionGroupStack), except those kept here (mainStackFunctions).
    const groups = new Map<string, FunctionGroupStack>();
    const groupOf = (definition: FunctionDefinition): Construct => {
      if (mainStackFunctions.has(definition.name)) return this;
      const group = functionGroupOf(definition);
      const existing = groups.get(group);
      if (existing !== undefined) return existing;
      const created = new FunctionGroupStack(this, group);
      groups.set(group, created);
      return created;
    };
    this.handlers = deployedFunctions.map((definition) => {
      const timeout = timeouts[definition.name];
      const handler = new HandlerFunction(groupOf(definition), definition.name, {
        definition,
        projectRoot,
        ...(timeout === undefined ? {} : { timeout }),
        environment,
      });
      grantTableAccess(handler, this.table, definition.access.table);
      grantWorkflowAccess(handler, definition, stateMachineRef);
      if (handler.environmentGroups.includes('originVerify')) this.originVerification.grantRead(handler);
      return handler;
    });
    this.functionGroups = [...groups.values()];

    // Cognito's pre token generation trigger: the user's courts into access tokens (staff-sign-in.ts).
    this.signIn.addAccessTokenClaimsTrigger(this.handlerNamed('pre-token-generation').function);

    // ---------------------------------------------------------------- GOV.UK Notify
    this.notify = new NotifyDelivery(this, 'Notify', {
      table: this.table,
      deliverer: this.handlerNamed(notifyFunctionNames.deliverer),
      callbackReceiver: this.handlerNamed(notifyFunctionNames.callback),
      templates: props.notifyTemplates ?? defaultNotifyTemplates,
    });

    // ---------------------------------------------------------------- P&Q counts
    this.performanceCounts = new PerformanceCounts(this, 'PerformanceCounts', { table: this.table, counter: this.handlerNamed(performanceCountsFunctionName) });

    // ---------------------------------------------------------------- domain events
    this.domainEvents = new DomainEvents(this, 'DomainEvents', { table: this.table, publisher: this.handlerNamed(domainEventsFunctionName) });
    const putEventsGranted = this.handlers.filter((handler) => handler.definition.access.putEvents === true).map((handler) => handler.definition.name);
    if (putEventsGranted.join() !== domainEventsFunctionName) {
      throw new Error(`Only ${domainEventsFunctionName} may put events on the domain events bus; the registry grants it to: ${putEventsGranted.join(', ')}`);
    }

    // ---------------------------------------------------------------- scheduled functions
    this.scheduledRuns = this.handlers.flatMap((handler) => {
      const { schedule, name } = handler.definition;
      return schedule === undefined ? [] : [new ScheduledRun(this, `${name}-schedule`, { name, fn: handler.function, schedule })];
    });

    // ---------------------------------------------------------------- workflow
    const workflowFile = path.join(projectRoot, workflowDefinitionPath);
    const definitionText = readFileSync(workflowFile, 'utf8');
    const workflowHandlers = this.handlers.filter((handler) => handler.definition.workflowPlaceholder !== undefined);
    const definitionSubstitutions = substitutionsFor(definitionText, workflowHandlers, workflowDefinitionPath);

    const workflowLogGroup = new LogGroup(this, 'WorkflowLogGroup', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(definitionText),
      definitionSubstitutions,
      tracingEnabled: true,
      // ALL so every transition is visible; never the execution data, which would copy every
      // state's input and output (ids today, and whatever a later change might add) into logs.
      logs: { destination: workflowLogGroup, level: LogLevel.ALL, includeExecutionData: false },
    });
    // Exactly the workflow functions, by unqualified ARN (which is what the definition invokes).
    // `fn.grantInvoke` would also allow `<arn>:*` (every version and alias), which nothing uses.
    this.stateMachine.addToRolePolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: workflowHandlers.map((handler) => handler.function.functionArn),
      }),
    );

    // ---------------------------------------------------------------- HTTP API
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `${this.stackName}-api`,
      description: 'Curfew safeguarding checks: staff API and the link response endpoint',
      // The default stage is created below, with access logging and throttling.
      createDefaultStage: false,
    });
    const accessLogGroup = new LogGroup(this, 'ApiAccessLogGroup', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.httpStage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { burstLimit: 100, rateLimit: 50 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogGroup),
        // Route keys, never raw paths or query strings; bodies are never logged by API Gateway.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTimeEpoch',
            sourceIp: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    // Each route, its integration and its invoke permission beside the function, in its nested stack.
    for (const handler of this.handlers) {
      const routes = handler.definition.routes ?? [];
      if (routes.length === 0) continue;
      const integration = new HttpLambdaIntegration(`${handler.definition.name}-integration`, handler.function);
      for (const route of routes) {
        new HttpRoute(Stack.of(handler), `${route.method}${route.path}`, {
          httpApi: this.httpApi,
          routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
          integration,
        });
      }
    }

    // ---------------------------------------------------------------- CloudFront and WAF
    this.edge = new EdgeDistribution(this, 'Edge', {
      httpApi: this.httpApi,
      webAclArn: props.webAclArn,
      originVerify: { headerName: this.originVerification.headerName, value: this.originVerification.headerValue() },
      ...(props.customDomain === undefined
        ? {}
        : {
            customDomain: {
              domainName: props.customDomain.domainName,
              certificate: Certificate.fromCertificateArn(this, 'CustomDomainCertificate', props.customDomain.certificateArn),
            },
          }),
    });

    // ---------------------------------------------------------------- static files
    // The CSS, JavaScript, fonts and images pages load, from S3 on their own paths; the page
    // handlers carry only the templates (see HandlerFunction).
    this.staticAssets = new StaticAssetsBucket(this, 'StaticAssets', {
      folders: staticFolders,
      files: staticFiles,
      accessLogBucket: this.edge.logBucket,
      distribution: this.edge.distribution,
    });
    const shadowedRoutes = this.handlers
      .flatMap((handler) => handler.definition.routes ?? [])
      .filter((route) => matchesStaticPattern(route.path, this.staticAssets.pathPatterns));
    if (shadowedRoutes.length > 0) {
      throw new Error(
        `CloudFront would send these routes to the static assets bucket (${this.staticAssets.pathPatterns.join(', ')}): ` +
          shadowedRoutes.map((route) => `${route.method} ${route.path}`).join(', '),
      );
    }
    this.edge.serveFromBucket(this.staticAssets.bucket, this.staticAssets.pathPatterns);
    const staticAssetsDeployment = this.staticAssetsDeploymentFunction();
    this.staticAssetsDeploymentFailures = new AsyncInvocationFailures(this, 'StaticAssetsDeploymentFailures', {
      fn: staticAssetsDeployment,
      // Lambda's default: an upload is repeatable, and CloudFormation waits for one answer.
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
      whatToDo:
        'The function that uploads the static files failed on a CloudFormation request, so that deploy failed or waited ' +
        'for its timeout. Its log group says why; deploy again once fixed.',
    });

    // ---------------------------------------------------------------- alarms
    // Every function in the stack, found rather than listed, so a function added above is never missed.
    for (const fn of this.node.findAll().filter((construct): construct is LambdaFunction => construct instanceof LambdaFunction)) {
      const handler = this.handlers.find((candidate) => candidate.function === fn);
      if (handler !== undefined) {
        this.alarms.watchFunction(fn, handler.definition.name, whatAnErrorMeans(handler.definition), this.groupOfHandler(handler)?.alarms);
      } else if (fn === staticAssetsDeployment) {
        this.alarms.watchFunction(fn, 'static-assets-deployment',
          'It runs only while CloudFormation deploys the stack: that deploy failed or waited for its timeout; deploy again once fixed.');
      } else {
        this.alarms.watchFunction(fn, fn.node.path.replace(/[^A-Za-z0-9-]+/g, '-'),
          'It is not a registry function: find what created it in the construct tree and what invoked it in CloudTrail.');
      }
    }
    this.alarms.watchStateMachine(this.stateMachine);

    // ---------------------------------------------------------------- outputs
    new CfnOutput(this, 'DistributionUrl', {
      value: `https://${this.edge.distribution.distributionDomainName}`,
      description: 'CloudFront URL (behind AWS WAF): publicBaseUrl should be this or a custom domain pointing at it',
    });
    new CfnOutput(this, 'UserPoolId', { value: this.signIn.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.signIn.client.userPoolClientId });
    new CfnOutput(this, 'HostedUiDomain', { value: this.signIn.hostedUiBaseUrl, description: 'Cognito hosted sign-in pages' });
    new CfnOutput(this, 'OidcIssuer', { value: this.signIn.issuer });
    new CfnOutput(this, 'StateMachineArn', { value: this.stateMachine.stateMachineArn });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'NotifyApiKeySecretArn', {
      value: this.notify.apiKeySecret.secretArn,
      description: 'Put the GOV.UK Notify API key here (aws secretsmanager put-secret-value)',
    });
    new CfnOutput(this, 'NotifyCallbackTokenSecretArn', {
      value: this.notify.callbackTokenSecret.secretArn,
      description: 'The bearer token to give GOV.UK Notify for delivery receipts (aws secretsmanager get-secret-value)',
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarms.topic.topicArn,
      description: 'Every CloudWatch alarm of this stack notifies this SNS topic: subscribe on-call to it (or deploy with -c alarmEmail=...)',
    });
    new CfnOutput(this, 'NotifyCallbackUrl', {
      value: `${props.publicBaseUrl}/notify/callback`,
      description: 'The delivery receipts callback URL to give GOV.UK Notify',
    });

    acknowledgeNagFindings(this);
  }

  /** The Lambda function CDK writes for the BucketDeployment (a singleton, created at stack level). */
  staticAssetsDeploymentFunction(): LambdaFunction {
    const [fn, ...others] = this.node
      .findAll()
      .filter((construct): construct is LambdaFunction => construct instanceof LambdaFunction && construct.role === this.staticAssets.deploymentRole);
    if (fn === undefined || others.length > 0) throw new Error('Expected exactly one static assets deployment function');
    return fn;
  }

  /** The nested stack a handler lives in; undefined for one this stack keeps (mainStackFunctions). */
  groupOfHandler(handler: HandlerFunction): FunctionGroupStack | undefined {
    return this.functionGroups.find((candidate) => candidate === Stack.of(handler));
  }

  /** The deployed handler of a registry entry; fails the synth if the registry no longer has it. */
  handlerNamed(name: string): HandlerFunction {
    const handler = this.handlers.find((candidate) => candidate.definition.name === name);
    if (handler === undefined) throw new Error(`No deployed function named ${name} in infra/function-registry.ts`);
    return handler;
  }
}

/**
 * Functions kept in the main stack rather than their group's nested stack: those that a resource
 * of the main stack calls and that must name that resource in turn. A Cognito trigger is one: the
 * user pool names the function, and the function's invoke permission names the pool, so with the
 * function nested each stack would wait for the other (CloudFormation refuses the cycle).
 */
export const mainStackFunctions: ReadonlySet<string> = new Set(['pre-token-generation']);

/** For a registry function's Errors alarm: who noticed the failure and what happened to the work. */
function whatAnErrorMeans(definition: FunctionDefinition): string {
  const meanings = [
    (definition.routes ?? []).length > 0 ? 'A user got an error page or a 5xx from the API.' : undefined,
    definition.workflowPlaceholder === undefined
      ? undefined
      : 'The workflow state\'s Catch took over: the proposal is marked as needing attention (see the workflow log group).',
    definition.name === notifyFunctionNames.deliverer
      ? 'Messages stay PENDING and are retried (stream retries, then the sweep); see DeliveryFailingAlarm and the dead-letter queues.'
      : undefined,
    definition.name === domainEventsFunctionName
      ? 'The events stay PENDING and are retried (stream retries, then the sweep every 5 minutes); see the domain events dead-letter alarm.'
      : undefined,
    definition.schedule === undefined ? undefined : 'Lambda retries the run; if every retry fails, the event goes to the schedule\'s dead-letter queue.',
  ].filter((meaning) => meaning !== undefined);
  return meanings.length > 0 ? meanings.join(' ') : 'Find what called it in the trace.';
}

/**
 * Grants what the registry entry asks of the workflow, always on this one state machine (or its
 * executions). The functions that name the state machine in API calls (start, stop, describe)
 * need STATE_MACHINE_ARN, the `workflow` environment group: an entry that asks for one without
 * the other fails the synth, since each is useless alone and the ARN is read only on first use.
 */
function grantWorkflowAccess(handler: HandlerFunction, definition: FunctionDefinition, stateMachine: IStateMachine): void {
  const { access } = definition;
  const fn = handler.function;
  if (access.taskResponse) stateMachine.grantTaskResponse(fn);
  if (access.startExecution) stateMachine.grantStartExecution(fn);
  if (access.stopExecution) stateMachine.grantExecution(fn, 'states:StopExecution');
  if (access.describe) stateMachine.grant(fn, 'states:DescribeStateMachine');
  const namesStateMachine = access.startExecution === true || access.stopExecution === true || access.describe === true;
  if (namesStateMachine !== handler.environmentGroups.includes('workflow')) {
    throw new Error(
      `${definition.name}: a function that starts, stops or describes executions needs the workflow environment group, ` +
        'and only such a function (infra/function-registry.ts)',
    );
  }
}

/** Every `${Name}` placeholder in a workflow definition, in order of first appearance. */
function placeholdersIn(definitionText: string): string[] {
  return [...new Set([...definitionText.matchAll(/\$\{([^}]+)\}/g)].map((match) => match[1] ?? ''))];
}

/**
 * Maps each placeholder in the definition to the ARN of the function that fills it. Fails the
 * synth when a placeholder has no function or a function's placeholder is not in the file, so a
 * renamed state or function cannot deploy a workflow that calls nothing.
 */
function substitutionsFor(
  definitionText: string,
  workflowHandlers: readonly HandlerFunction[],
  fileName: string,
): Record<string, string> {
  const placeholders = placeholdersIn(definitionText);
  const byPlaceholder = new Map(workflowHandlers.map((handler) => [handler.definition.workflowPlaceholder, handler]));

  const unfilled = placeholders.filter((placeholder) => !byPlaceholder.has(placeholder));
  const unused = workflowHandlers
    .map((handler) => handler.definition.workflowPlaceholder)
    .filter((placeholder) => placeholder !== undefined && !placeholders.includes(placeholder));
  const problems = [
    ...unfilled.map((placeholder) => `\${${placeholder}} in ${fileName} has no deployed function with that workflowPlaceholder`),
    ...unused.map((placeholder) => `workflowPlaceholder ${placeholder} of a deployed function does not appear in ${fileName}`),
  ];
  if (problems.length > 0) {
    throw new Error(`Workflow definition and function registry disagree:\n  ${problems.join('\n  ')}`);
  }

  return Object.fromEntries(
    placeholders.map((placeholder) => {
      const handler = byPlaceholder.get(placeholder);
      if (!handler) throw new Error(`No function for \${${placeholder}}`);
      return [placeholder, handler.function.functionArn];
    }),
  );
}
