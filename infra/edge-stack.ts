import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/**
 * Path prefixes of the link endpoints (police, children's services and residents answering
 * through an emailed link). They get a much lower request rate than the rest of the site: a
 * person answers one link a few times at most, so a burst from one address is a script.
 */
export const linkPathPrefixes = ['/r/', '/respond', '/api/responses'] as const;

/** Requests per IP address per 5-minute window. */
export const rateLimits = { linkPaths: 100, everything: 2000, windowSeconds: 300 } as const;

/** CloudWatch metrics and sampled requests for a rule or the WebACL. */
function visibility(metricName: string): CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

function managedRuleGroup(name: string, priority: number): CfnWebACL.RuleProperty {
  return {
    name: `aws-${name}`,
    priority,
    statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
    // Use the group's own actions (block on match).
    overrideAction: { none: {} },
    visibilityConfig: visibility(`aws-${name}`),
  };
}

export interface CurfewChecksEdgeStackProps extends StackProps {
  /** Name of the main stack: names the WebACL and its metrics so two deployments stay apart. */
  readonly mainStackName: string;
}

/**
 * What CloudFront needs from us-east-1: the WebACL with CLOUDFRONT scope (AWS WAF only creates
 * those there). The main stack reads its ARN through a cross-region reference.
 */
export class CurfewChecksEdgeStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: CurfewChecksEdgeStackProps) {
    super(scope, id, props);
    const name = `${props.mainStackName}-edge`;

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name,
      description: 'Curfew checks: managed protections, and rate limits on the link endpoints and overall',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(name),
      rules: [
        managedRuleGroup('AWSManagedRulesAmazonIpReputationList', 0),
        {
          name: 'rate-limit-link-endpoints',
          priority: 1,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: rateLimits.linkPaths,
              evaluationWindowSec: rateLimits.windowSeconds,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                orStatement: {
                  statements: linkPathPrefixes.map((prefix) => ({
                    byteMatchStatement: {
                      fieldToMatch: { uriPath: {} },
                      positionalConstraint: 'STARTS_WITH',
                      searchString: prefix,
                      textTransformations: [{ priority: 0, type: 'NONE' }],
                    },
                  })),
                },
              },
            },
          },
          visibilityConfig: visibility('rate-limit-link-endpoints'),
        },
        {
          name: 'rate-limit-everything',
          priority: 2,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: rateLimits.everything,
              evaluationWindowSec: rateLimits.windowSeconds,
              aggregateKeyType: 'IP',
            },
          },
          visibilityConfig: visibility('rate-limit-everything'),
        },
        managedRuleGroup('AWSManagedRulesCommonRuleSet', 3),
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 4),
      ],
    });

    new CfnOutput(this, 'WebAclArn', { value: this.webAcl.attrArn, description: 'The WebACL in front of CloudFront' });
  }
}
