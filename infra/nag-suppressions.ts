import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import type { IResolvable } from 'aws-cdk-lib';
import { HttpRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import type { CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { AsyncInvocationFailures } from '#infra/constructs/async-failures';
import { domainEventsFunctionName } from '#infra/constructs/domain-events';
import { notifyFunctionNames } from '#infra/constructs/notify-delivery';
import { performanceCountsFunctionName } from '#infra/constructs/performance-counts';
import type { CurfewChecksStack } from '#infra/curfew-checks-stack';
import type { IConstruct } from 'constructs';

/**
 * Every cdk-nag (AwsSolutions) finding this stack accepts, each with the reason it is accepted.
 * Nothing is acknowledged for the whole stack: each acknowledgement sits on the one construct it
 * is about, and names the exact finding (rule id plus the wildcard it is about), so a new wildcard
 * or a new unprotected resource still fails the synth. test/infra/nag.test.ts asserts that
 * nothing else is reported, and test/infra/curfew-checks-stack.test.ts pins what the
 * acknowledged `*` resources are allowed to contain.
 */

const linkTokenNote =
  'The link token is 32 random bytes, only its SHA-256 is stored, it is single use, expires and is revoked on withdrawal; ' +
  'AWS WAF limits each IP address on the link paths to 100 requests in 5 minutes.';

const signInNote =
  'The Cognito user pool (invitation only, TOTP MFA required, threat protection enforced) authenticates; the ' +
  'handler only starts, completes or ends the code flow.';

/** Routes that are public by design; every other route is a staff route. */
export const publicRoutes: Readonly<Record<string, string>> = {
  'POST /api/responses':
    'Public by design: police, children\'s services and residents answer through an emailed link and have no account. ' +
    'The credential is the link token in the request body; the handler rejects any request whose token does not ' +
    `match an open check. ${linkTokenNote}`,
  'GET /r/{token}':
    'Public by design: the link in a message, opened by people with no account (and by mail scanners). It changes ' +
    'nothing and looks nothing up: it moves the token from the path into a path-scoped cookie and redirects to the ' +
    `link page. ${linkTokenNote}`,
  'HEAD /r/{token}':
    'Public by design: the HEAD form of the link in a message, which mail scanners and link previews send; like GET ' +
    `it changes nothing and looks nothing up. ${linkTokenNote}`,
  'GET /respond':
    'Public by design: the link page for people with no account. The credential is the link token in the cookie set ' +
    `by /r/{token}; without a usable token the handler answers 404 and shows nothing. ${linkTokenNote}`,
  'POST /respond':
    'Public by design: a link holder\'s answer, from people with no account. The credential is the link token in the ' +
    `cookie set by /r/{token}; the handler rejects any token that does not match an open check. ${linkTokenNote}`,
  'POST /respond/new-link':
    'Public by design: the holder of an expired or replaced link asks for a new one, from people with no account. The ' +
    'credential is the link token in the cookie set by /r/{token}; the handler records a request only for a known link ' +
    `whose check still waits, once, and shows no case details. ${linkTokenNote}`,
  'GET /w/{token}':
    'Public by design: the withdrawal link in the confirmation a resident receives after consenting, opened by a ' +
    'person with no account (and by mail scanners). Like /r/{token}, it changes nothing and looks nothing up: it moves ' +
    `the token into a path-scoped cookie and redirects to the withdrawal page. ${linkTokenNote}`,
  'HEAD /w/{token}':
    'Public by design: the HEAD form of the withdrawal link, which mail scanners and link previews send; it changes ' +
    `nothing and looks nothing up. ${linkTokenNote}`,
  'GET /withdraw-consent':
    'Public by design: the withdrawal page for a resident with no account. The credential is the withdrawal token in ' +
    `the cookie set by /w/{token}; the page shows no case details and changes nothing. ${linkTokenNote}`,
  'POST /withdraw-consent':
    'Public by design: a resident withdraws consent, with no account. The credential is the withdrawal token in the ' +
    `cookie set by /w/{token}; the handler acts only for an unspent token of a consent given, once. ${linkTokenNote}`,
  'GET /{proxy+}':
    'Public by design: the catch-all for any address no other route serves (a mistyped address, a link cut short). It ' +
    'reads nothing and changes nothing, and has no access to the table: it answers GOV.UK\'s "Page not found" (or ' +
    '"This link cannot be used"), or JSON 404 under /api/.',
  'HEAD /{proxy+}': 'Public by design: the HEAD form of the catch-all for unknown addresses; it reads and changes nothing.',
  'POST /{proxy+}': 'Public by design: the catch-all for a POST to an unknown address; it reads nothing, changes nothing and answers 404.',
  'GET /auth/sign-in':
    'Public by design: starts staff sign-in, so it is reached before there is a session. It redirects to the ' +
    `Cognito hosted sign-in pages with state and a PKCE challenge and returns no data. ${signInNote}`,
  'GET /auth/callback':
    'Public by design: Cognito redirects here after sign-in, before there is a session. The handler exchanges the ' +
    `code only with the PKCE verifier and state it set at /auth/sign-in, and returns no data. ${signInNote}`,
  'POST /auth/sign-out':
    'Public by design: signing out must work with an expired or missing session; it ends whatever session the ' +
    `cookie names and returns no data. ${signInNote}`,
  'POST /notify/callback':
    'Public by design: GOV.UK Notify posts delivery receipts here and has no identity in our user pool. The credential ' +
    'is the bearer token Notify was given: 48 random characters generated in Secrets Manager, readable only by this ' +
    'function, compared in constant time; any other request is answered 401 and changes nothing. A receipt only moves ' +
    'a message of ours (found by its reference) to a final delivery status, and answers only whether it was applied.',
  'GET /health':
    'Public by design: returns only whether the table and the workflow can be reached, no data, so that ' +
    'monitoring can call it without credentials.',
  'GET /api/openapi.json':
    'Public by design: the OpenAPI document of the JSON API, built from its schemas as the function loads. It ' +
    'describes the API and holds no data; the function has no access to the table.',
};

const staffRouteReason =
  'No API Gateway authorizer by design: staff authenticate with the session cookie set by the sign-in callback ' +
  '(HttpOnly, Secure), which an HTTP API JWT authorizer cannot read, so the handler verifies the session and the ' +
  'Cognito tokens behind it (issuer OIDC_ISSUER, client OIDC_AUDIENCE, signature from the pool\'s JWKS) and answers ' +
  '401 without them. No other identity is accepted: the local stack signs in through its own OIDC provider the same way.';

/** The form cdk-nag gives a CloudFormation value in a finding id: `<Logical.Attr>`, `<AWS::Pseudo>`. */
function flatten(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (value !== null && typeof value === 'object') {
    const node = value as Record<string, unknown>;
    const join = node['Fn::Join'];
    if (Array.isArray(join)) {
      const [delimiter, items] = join as [string, unknown[]];
      return items.map(flatten).join(delimiter);
    }
    const getAtt = node['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${getAtt.map(flatten).join('.')}>`;
    if ('Ref' in node) return `<${flatten(node['Ref'])}>`;
  }
  return JSON.stringify(value);
}

function findingFor(stack: Stack, value: string | IResolvable): string {
  return flatten(stack.resolve(value));
}

/**
 * Acknowledges findings whose id names a value from another stack. In a nested stack, cdk-nag sees
 * such a value as the nested stack's parameter (`<referencetoCurfewChecksTable…Arn>`), which CDK
 * creates only while it prepares the app, after every construct exists. So the ids are worked out
 * then, in a validation CDK runs after that and before the cdk-nag pack looks, by resolving the
 * value in the stack the construct is in: exactly the form cdk-nag reports.
 */
function acknowledgeOnceReferencesResolve(construct: IConstruct, acknowledgements: (ownStack: Stack) => { id: string; reason: string }[]): void {
  construct.node.addValidation({
    validate: () => {
      Validations.of(construct).acknowledge(...acknowledgements(Stack.of(construct)));
      return [];
    },
  });
}

export function acknowledgeNagFindings(stack: CurfewChecksStack): void {
  const executionsArn = findingFor(
    stack,
    stack.formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: `${stack.stateMachineName}:*`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    }),
  );

  const xrayReason =
    'X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) does not support resource-level ' +
    'permissions, so AWS requires Resource "*".';
  const streamReaders = new Set([stack.handlerNamed(notifyFunctionNames.deliverer), stack.handlerNamed(performanceCountsFunctionName), stack.handlerNamed(domainEventsFunctionName)]);
  for (const handler of stack.handlers) {
    const { access } = handler.definition;
    // On the role: its DefaultPolicy holds every grant this function has.
    const role = Validations.of(handler.role);
    role.acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          streamReaders.has(handler)
            ? `${xrayReason} This function also reads the table's stream: dynamodb:ListStreams, which Lambda requires ` +
              'of an event source mapping\'s role and which has no resource-level permissions either (added by ' +
              'table.grantStreamRead; reading the records is granted on this table\'s stream ARN only). The stack ' +
              'test asserts that nothing else is granted on "*".'
            : `${xrayReason} The stack test asserts that no other action is granted on "*".`,
      },
    );
    // The table is in the main stack and most functions in nested ones, where its ARN is a parameter.
    // A function with no access to the table has no grant on its indexes to acknowledge.
    if (access.table !== 'none') {
      acknowledgeOnceReferencesResolve(handler.role, (ownStack) => [
        {
          id: `AwsSolutions-IAM5[Resource::${findingFor(ownStack, stack.table.tableArn)}/index/*]`,
          reason:
            'The indexes of this one table only (today just byCourtHearing, queried for the court list). ' +
            'CDK table grants cover the table and all of its indexes; the wildcard cannot reach another table.',
        },
      ]);
    }
    if (access.table === 'readWrite') {
      const kmsReason =
        'Granted by table.grantReadWriteData on the table\'s own customer-managed key only: DynamoDB needs ' +
        'GenerateDataKey and ReEncrypt to write items encrypted with that key. The wildcard covers variants of ' +
        'those two actions (e.g. GenerateDataKeyWithoutPlaintext), not other actions or other keys.';
      role.acknowledge(
        { id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason: kmsReason },
        { id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason: kmsReason },
      );
    }
    if (access.stopExecution) {
      role.acknowledge({
        id: `AwsSolutions-IAM5[Resource::${executionsArn}]`,
        reason:
          'states:StopExecution on executions of this one state machine. Execution names are chosen when a ' +
          'proposal is created, so they cannot be listed in the policy; the wildcard is only the execution name.',
      });
    }
  }

  Validations.of(stack.stateMachine.role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Added by CDK for logging to CloudWatch Logs (logs:CreateLogDelivery and the other log delivery actions) and ' +
      'for X-Ray tracing; AWS documents that these actions do not support resource-level permissions and ' +
      'require Resource "*". Lambda invocation is granted separately, on the workflow functions\' ARNs only.',
  });

  // ---------------------------------------------------------------- GOV.UK Notify
  acknowledgeNotifyDelivery(stack);

  // ---------------------------------------------------------------- domain events (ADR 0027)
  Validations.of(stack.domainEvents.deadLetterQueue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself a dead-letter queue: the on-failure destination of the table stream\'s event source ' +
      'mapping to publish-domain-events, which cdk-nag does not recognise. Nothing consumes it; an alarm fires when it ' +
      'holds anything, its records only describe failed batches, and the events stay PENDING for the sweep.',
  });

  // ---------------------------------------------------------------- the header only CloudFront sends
  Validations.of(stack.originVerification.secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'CloudFront holds this value in its origin settings, which CloudFormation fills only when it updates the distribution, ' +
      'and each route function reads it once per cold start: a scheduled rotation would make every request fail with 403 ' +
      'until the next deploy. It is rotated by hand (put a new value, deploy the stack), as docs/decisions/0012 describes; ' +
      'only the route functions can read it, and it guards only against skipping CloudFront, never a person\'s access.',
  });

  // ---------------------------------------------------------------- dead-letter queues of asynchronous invocations
  for (const failures of stack.node.findAll().filter((construct): construct is AsyncInvocationFailures => construct instanceof AsyncInvocationFailures)) {
    Validations.of(failures.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself a dead-letter queue: the on-failure destination of a function\'s asynchronous invocations ' +
        '(and, for a schedule, its EventBridge Scheduler dead-letter queue), which cdk-nag does not recognise (it looks only ' +
        'for redrive policies and function DLQs). Nothing consumes it; an alarm fires when it holds anything.',
    });
  }

  // ---------------------------------------------------------------- CloudFront
  Validations.of(stack.edge.logBucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason:
      'This bucket is itself the access log: CloudFront writes its request logs here. Logging access to it would need ' +
      'another log bucket with the same finding, and so on. Public access is blocked, SSL is enforced, objects expire ' +
      'after a year, and reading it takes an IAM principal in this account.',
  });
  const distribution = Validations.of(stack.edge.distribution);
  distribution.acknowledge({
    id: 'AwsSolutions-CFR1',
    reason:
      'No geo restriction: users are UK staff, police, children\'s services and residents, some of whom will answer ' +
      'from abroad (travel, roaming, VPN egress), and country blocking is not a security boundary. AWS WAF rate ' +
      'limits, the IP reputation list and the managed rule groups apply to every request instead.',
  });
  if (stack.edge.customDomain === undefined) {
    distribution.acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'No custom domain yet, so viewers reach the default *.cloudfront.net certificate, whose security policy AWS fixes ' +
        'at TLSv1 (modern browsers negotiate TLS 1.2 or 1.3 anyway). With -c customDomainName and -c certificateArn the ' +
        'distribution uses TLSv1.2_2021 and this finding, and this acknowledgement, go away.',
    });
  }

  // ---------------------------------------------------------------- static files (BucketDeployment)
  acknowledgeStaticAssetsDeployment(stack);

  // Each route sits beside its function, in that function's nested stack.
  for (const route of stack.node.findAll().filter((node): node is HttpRoute => node instanceof HttpRoute)) {
    const { routeKey } = route.node.defaultChild as CfnRoute;
    Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason: publicRoutes[routeKey] ?? staffRouteReason });
  }
}

function acknowledgeNotifyDelivery(stack: CurfewChecksStack): void {
  const { notify } = stack;
  Validations.of(notify.apiKeySecret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'A GOV.UK Notify API key is issued in the Notify service\'s admin pages, by a person: Secrets Manager cannot ' +
      'create one, so a rotation function has nothing to rotate to. Keys are rotated by hand (create a new key in ' +
      'Notify, put it here, revoke the old one), as the README describes; only deliver-messages can read this secret.',
  });
  Validations.of(notify.callbackTokenSecret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'Notify holds a copy of this bearer token in its callback settings, which only a person can change in the Notify ' +
      'admin pages: an automatic rotation would make every delivery receipt fail until someone noticed. It is rotated ' +
      'by hand with the callback settings (README); only notify-callback can read this secret.',
  });
  Validations.of(stack.performanceCounts.deadLetterQueue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself a dead-letter queue: the on-failure destination of the table stream\'s event source ' +
      'mapping to keep-performance-counts, which cdk-nag does not recognise. Nothing consumes it; its records only ' +
      'describe batches whose counts are missing (ADR 0020).',
  });
  Validations.of(notify.deadLetterQueue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      'This queue is itself a dead-letter queue: the on-failure destination of the table stream\'s event source ' +
      'mapping to deliver-messages, which cdk-nag does not recognise (it looks only for redrive policies and function ' +
      'DLQs). Nothing consumes it; an alarm fires when it holds anything, and its records only describe failed batches.',
  });
}

/**
 * The BucketDeployment that uploads the static files is a CDK custom resource backed by a Lambda
 * function CDK writes (Python with the AWS CLI). It runs only while CloudFormation deploys the
 * stack, on the files in the repository, with no input from users. Its role is ours (no AWS
 * managed policy, logs to its own log group); the grants on it are the ones BucketDeployment adds.
 */
function acknowledgeStaticAssetsDeployment(stack: CurfewChecksStack): void {
  const { staticAssets } = stack;
  const staticBucketObjects = findingFor(stack, staticAssets.bucket.arnForObjects('*'));
  const sourceBucketObjects = [
    ...new Set(
      staticAssets.deployment.node
        .findAll()
        .filter((construct): construct is Asset => construct instanceof Asset)
        .map((asset) => findingFor(stack, asset.bucket.arnForObjects('*'))),
    ),
  ];
  const readReason =
    'Added by BucketDeployment (asset.grantRead and bucket.grantReadWrite) so the deployment function can read the ' +
    'zipped static files from the CDK assets bucket and list, compare and write the static assets bucket; the ' +
    'wildcards are variants of read and list actions, on those two buckets only.';
  const writeReason =
    'Added by BucketDeployment (bucket.grantReadWrite) on the static assets bucket only: prune deletes files no longer ' +
    'in infra/static-assets.ts (DeleteObject*), and an interrupted multipart upload is aborted (Abort*).';
  Validations.of(staticAssets.deploymentRole).acknowledge(
    { id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]', reason: readReason },
    { id: 'AwsSolutions-IAM5[Action::s3:GetObject*]', reason: readReason },
    { id: 'AwsSolutions-IAM5[Action::s3:List*]', reason: readReason },
    { id: 'AwsSolutions-IAM5[Action::s3:Abort*]', reason: writeReason },
    { id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]', reason: writeReason },
    {
      id: `AwsSolutions-IAM5[Resource::${staticBucketObjects}]`,
      reason:
        'The objects of the static assets bucket: which files exist is decided by infra/static-assets.ts, so they ' +
        'cannot be listed one by one in the policy, and the bucket holds nothing but those public files.',
    },
    ...sourceBucketObjects.map((resource) => ({
      id: `AwsSolutions-IAM5[Resource::${resource}]`,
      reason:
        'The CDK bootstrap assets bucket, where cdk deploy uploads this app\'s zipped static files under names that are ' +
        'content hashes; CDK\'s asset grant is read-only and covers the bucket\'s objects, which are deployment ' +
        'artefacts of this account (code and static files), never application data.',
    })),
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'cloudfront:CreateInvalidation and cloudfront:GetInvalidation, added by BucketDeployment on "*" (it takes the ' +
        'distribution id as a resource property, not in the policy). The function only invalidates the static paths ' +
        'of this stack\'s distribution after an upload; the stack test asserts that nothing else is granted on "*".',
    },
  );

  const deploymentFunctions = stack.node
    .findAll()
    .filter((construct): construct is LambdaFunction => construct instanceof LambdaFunction && construct.role === staticAssets.deploymentRole);
  for (const fn of deploymentFunctions) {
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The runtime of the BucketDeployment function is chosen by aws-cdk-lib (Python with the AWS CLI layer) and ' +
        'cannot be set; it moves forward when aws-cdk-lib is upgraded. It runs only during deployments, on files ' +
        'from this repository, and is never reachable by users.',
    });
  }
}
