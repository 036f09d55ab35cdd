import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CurfewChecksStack } from '#infra/curfew-checks-stack';

/**
 * The CDK app. Context (cdk.json defaults, override with `-c name=value`):
 * - `stackName`: CloudFormation stack name (also prefixes the state machine and API names).
 * - `region`: where to deploy; pinned so personal data stays in the UK region unless changed on purpose.
 * - `account`: optional; without it the stack deploys to the account of the credentials in use.
 * - `publicBaseUrl`: origin of the links in emails.
 * Nothing here looks anything up in AWS, so `cdk synth` works offline.
 */
const app = new App();

function contextString(name: string): string | undefined {
  const value: unknown = app.node.tryGetContext(name);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context value ${name} must be a string`);
  return value;
}

function requiredContext(name: string): string {
  const value = contextString(name);
  if (value === undefined) throw new Error(`Context value ${name} is required (set it in cdk.json or pass -c ${name}=...)`);
  return value;
}

const publicBaseUrl = requiredContext('publicBaseUrl');
if (!/^https:\/\/[^/]+$/.test(publicBaseUrl)) {
  throw new Error(`publicBaseUrl must be an https origin without a path or trailing slash, got ${publicBaseUrl}`);
}

new CurfewChecksStack(app, 'CurfewChecks', {
  stackName: requiredContext('stackName'),
  env: { account: contextString('account'), region: requiredContext('region') },
  description: 'Curfew safeguarding checks: police, children\'s services and resident answers before a curfew is proposed',
  publicBaseUrl,
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));

app.synth();
