import type { App } from 'aws-cdk-lib';
import { CurfewChecksStack } from '#infra/curfew-checks-stack';
import { CurfewChecksEdgeStack } from '#infra/edge-stack';

/** AWS WAF creates CLOUDFRONT-scope WebACLs only in us-east-1. */
export const edgeRegion = 'us-east-1';

/**
 * Stands in for the account when none is given: cross-region references need both stacks to name
 * an account, and `cdk synth` must work offline. Never deployable: `cdk deploy` refuses to deploy
 * a stack whose account differs from the credentials', so a deploy must pass `-c account=...`.
 */
export const placeholderAccount = '000000000000';

export interface CurfewChecksStacksConfig {
  readonly stackName: string;
  readonly region: string;
  /** The account; `placeholderAccount` when not given (synth only). */
  readonly account?: string;
  readonly publicBaseUrl: string;
  readonly cognitoDomainPrefix?: string;
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /** GOV.UK Notify template ids as JSON; see CurfewChecksStackProps.notifyTemplates. */
  readonly notifyTemplates?: string;
  /** Email address subscribed to the operational alarms topic; see CurfewChecksStackProps.alarmEmail. */
  readonly alarmEmail?: string;
  /** Repository root, for tests that build from a copy; defaults to the real one. */
  readonly projectRoot?: string;
}

export interface CurfewChecksStacks {
  readonly edge: CurfewChecksEdgeStack;
  readonly main: CurfewChecksStack;
}

/**
 * The two stacks, as `infra/app.ts` deploys them and as the tests build them: the WebACL in
 * us-east-1 (`<stackName>Edge`), and everything else in the chosen region, reading the WebACL's
 * ARN through a cross-region reference. With cdk.json's `@aws-cdk/core:defaultCrossStackReferences:
 * weak` that is `Fn::GetStackOutput` on an output of the edge stack: no custom resource, but a weak
 * reference, so a replaced WebACL reaches CloudFront only when the main stack is deployed again
 * (`cdk deploy --all` does both, edge first).
 */
export function addCurfewChecksStacks(app: App, config: CurfewChecksStacksConfig): CurfewChecksStacks {
  const account = config.account ?? placeholderAccount;
  const edge = new CurfewChecksEdgeStack(app, 'CurfewChecksEdge', {
    stackName: `${config.stackName}Edge`,
    env: { account, region: edgeRegion },
    crossRegionReferences: true,
    description: 'Curfew safeguarding checks: the AWS WAF WebACL in front of CloudFront (must live in us-east-1)',
    mainStackName: config.stackName,
  });
  const main = new CurfewChecksStack(app, 'CurfewChecks', {
    stackName: config.stackName,
    env: { account, region: config.region },
    crossRegionReferences: true,
    description: 'Curfew safeguarding checks: police, children\'s services and resident answers before a curfew is proposed',
    publicBaseUrl: config.publicBaseUrl,
    webAclArn: edge.webAcl.attrArn,
    ...(config.cognitoDomainPrefix === undefined ? {} : { cognitoDomainPrefix: config.cognitoDomainPrefix }),
    ...(config.customDomain === undefined ? {} : { customDomain: config.customDomain }),
    ...(config.notifyTemplates === undefined ? {} : { notifyTemplates: config.notifyTemplates }),
    ...(config.alarmEmail === undefined ? {} : { alarmEmail: config.alarmEmail }),
    ...(config.projectRoot === undefined ? {} : { projectRoot: config.projectRoot }),
  });
  return { edge, main };
}
