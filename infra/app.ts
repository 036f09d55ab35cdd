import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addCurfewChecksStacks, placeholderAccount } from '#infra/stacks';

/**
 * The CDK app: two stacks (see infra/stacks.ts). Context (cdk.json defaults, override with `-c name=value`):
 * - `stackName`: CloudFormation stack name of the main stack (also prefixes the state machine, API,
 *   user pool and WebACL names); the us-east-1 stack is `<stackName>Edge`.
 * - `region`: where the main stack goes; pinned so personal data stays in the UK region unless
 *   changed on purpose. The WebACL stack is always in us-east-1 (AWS WAF requires it for CloudFront).
 * - `account`: required to deploy. The two stacks share a cross-region reference, which needs an
 *   explicit account; without one, `cdk synth` uses the placeholder 000000000000, which no deploy
 *   can target. Falls back to CDK_DEFAULT_ACCOUNT (set by the CDK CLI from the credentials in use).
 * - `publicBaseUrl`: the https origin users see (links in emails, sign-in callback): the
 *   CloudFront distribution's URL (stack output DistributionUrl) or a custom domain pointing at it.
 * - `cognitoDomainPrefix`: optional; the hosted sign-in domain prefix, default
 *   `curfew-checks-<stackName in lower case>`.
 * - `customDomainName` and `certificateArn`: optional, together; CloudFront answers on that name
 *   with that ACM certificate (which must be in us-east-1), with TLS 1.2 or later.
 * - `notifyTemplates`: optional; the GOV.UK Notify template ids (NOTIFY_TEMPLATES of
 *   deliver-messages), JSON as in functions/notify/templates.ts, every slot set, either a
 *   JSON string (`-c notifyTemplates='{"REQUEST":{...},...}'`) or an object in cdk.json. Checked at
 *   synth. The default is the made-up ids of the local fake Notify, which real Notify rejects (the
 *   synth warns): a deployment that sends messages needs the service's real template ids.
 * - `alarmEmail`: optional; an email address subscribed to the operational alarms topic, which
 *   every CloudWatch alarm of the main stack notifies (in alarm and back to OK). SNS emails it a
 *   confirmation link first. Without it, subscribe on-call (email, chat, paging) to the topic,
 *   the stack output AlarmTopicArn, by hand.
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

const customDomainName = contextString('customDomainName');
const certificateArn = contextString('certificateArn');
if ((customDomainName === undefined) !== (certificateArn === undefined)) {
  throw new Error('customDomainName and certificateArn go together: set both or neither');
}
if (certificateArn !== undefined && !certificateArn.startsWith('arn:aws:acm:us-east-1:')) {
  throw new Error(`certificateArn must be an ACM certificate in us-east-1 (CloudFront requires it), got ${certificateArn}`);
}

/** A JSON string, or an object in cdk.json's context (kept as its JSON text). */
function contextJson(name: string): string | undefined {
  const value: unknown = app.node.tryGetContext(name);
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return contextString(name);
}

const account = contextString('account') ?? process.env['CDK_DEFAULT_ACCOUNT'] ?? placeholderAccount;

addCurfewChecksStacks(app, {
  stackName: requiredContext('stackName'),
  region: requiredContext('region'),
  account,
  publicBaseUrl,
  cognitoDomainPrefix: contextString('cognitoDomainPrefix'),
  customDomain:
    customDomainName !== undefined && certificateArn !== undefined ? { domainName: customDomainName, certificateArn } : undefined,
  notifyTemplates: contextJson('notifyTemplates'),
  alarmEmail: contextString('alarmEmail'),
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));

app.synth();
