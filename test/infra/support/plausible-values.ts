import type { CfnResource } from './stack-template.ts';
import { testAccount } from './stack-template.ts';

const region = 'eu-west-2';

/** What `Ref` gives for the pseudo parameters the stack may use. */
const pseudoParameters: Readonly<Record<string, string>> = {
  'AWS::AccountId': testAccount,
  'AWS::Partition': 'aws',
  'AWS::Region': region,
  'AWS::StackName': 'CurfewChecks',
  'AWS::URLSuffix': 'amazonaws.com',
};

/** What `Ref` gives for a resource, by type, in the shape AWS gives it (names, ids and ARNs made up). */
const referenceOf: Readonly<Record<string, (logicalId: string) => string>> = {
  'AWS::DynamoDB::Table': (logicalId) => `CurfewChecks-${logicalId}-1A2B3C4D5E6F`,
  'AWS::SecretsManager::Secret': (logicalId) => `arn:aws:secretsmanager:${region}:${testAccount}:secret:${logicalId}-AbCdEf`,
  'AWS::Cognito::UserPool': (logicalId) => `${region}_${logicalId.replace(/[^A-Za-z0-9]/g, '').slice(0, 9)}`,
  // An event bus's Ref is its name.
  'AWS::Events::EventBus': () => 'CurfewChecks-domain-events',
  'AWS::Cognito::UserPoolClient': (logicalId) => logicalId.toLowerCase().replace(/[^a-z0-9]/g, '').padEnd(26, '0').slice(0, 26),
};

/**
 * A value from a synthesized template as the deployed function would see it: references resolved
 * to plausible made-up values (a table name, a secret's ARN, a user pool id), so code that checks
 * a shape sees the right shape. A reference or function this does not know fails, so a new kind of
 * value gets a plausible stand-in on purpose rather than by accident.
 */
export function plausibleValue(value: unknown, resources: Readonly<Record<string, CfnResource>>): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    const node = value as Record<string, unknown>;
    if (typeof node['Ref'] === 'string') {
      const name = node['Ref'];
      const pseudo = pseudoParameters[name];
      if (pseudo !== undefined) return pseudo;
      const type = resources[name]?.Type ?? 'a missing resource';
      const reference = referenceOf[type];
      if (reference === undefined) throw new Error(`No plausible value for a Ref to ${type} (${name}): add one to plausible-values.ts`);
      return reference(name);
    }
    if (Array.isArray(node['Fn::Join'])) {
      const [delimiter, parts] = node['Fn::Join'] as [string, unknown[]];
      return parts.map((part) => plausibleValue(part, resources)).join(delimiter);
    }
  }
  throw new Error(`No plausible value for ${JSON.stringify(value)}: add one to plausible-values.ts`);
}

/**
 * The variables the Lambda runtime sets in every function, beside the function's own
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime),
 * with made-up credentials.
 */
export function lambdaRuntimeVariables(functionName: string): Record<string, string> {
  return {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: '2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
    AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEEXAMPLE00',
    AWS_SECRET_ACCESS_KEY: 'made-up-secret-access-key',
    AWS_SESSION_TOKEN: 'made-up-session-token',
    LAMBDA_TASK_ROOT: '/var/task',
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
  };
}
