import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { maxBodyBytes } from '#runtime/request-limits';

/**
 * Path prefixes of the link endpoints (police, children's services and residents answering
 * through an emailed link, and residents withdrawing consent through theirs). They get a much lower request rate than the rest of the site: a
 * person answers one link a few times at most, so a burst from one address is a script.
 */
export const linkPathPrefixes = ['/r/', '/respond', '/api/responses', '/w/', '/withdraw-consent'] as const;

/** Requests per IP address per 5-minute window. */
export const rateLimits = { linkPaths: 100, everything: 2000, windowSeconds: 300 } as const;

/** CloudWatch metrics and sampled requests for a rule or the WebACL. */
function visibility(metricName: string): CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

function managedRuleGroup(name: string, priority: number, countOnly: readonly string[] = []): CfnWebACL.RuleProperty {
  return {
    name: `aws-${name}`,
    priority,
    statement: {
      managedRuleGroupStatement: {
        vendorName: 'AWS',
        name,
        ...(countOnly.length === 0 ? {} : { ruleActionOverrides: countOnly.map((rule) => ({ name: rule, actionToUse: { count: {} } })) }),
      },
    },
    // Use the group's own actions (block on match), except for the rules set to count above.
    overrideAction: { none: {} },
    visibilityConfig: visibility(`aws-${name}`),
  };
}

/**
 * Request bodies: the WebACL blocks exactly what the app refuses, a body over maxBodyBytes (64 KiB,
 * functions/runtime/request-limits.ts), and lets through everything it accepts.
 * - The common rule set's SizeRestrictions_BODY blocks bodies over 8 KB, which a long answer
 *   (4,000 characters, form-encoded) can be: it only counts, so its metric still shows them.
 * - Our own rule blocks a body over the app's limit, at the edge.
 * - CloudFront sends WAF the first 16 KB of a body unless told otherwise, so body rules would see
 *   only part of a long answer: the web ACL asks for the app's whole limit. Beyond 16 KB, AWS
 *   charges a little more per request that carries a long body.
 */
export const bodyLimits = {
  /** The one managed rule that counts instead of blocking. */
  countedManagedRule: 'SizeRestrictions_BODY',
  /** The body inspection limit CloudFront may be given (KB_16, KB_32, KB_48 or KB_64), matched to the app's. */
  inspectionLimit: inspectionLimitFor(maxBodyBytes),
} as const;

function inspectionLimitFor(bytes: number): string {
  const kilobytes = bytes / 1024;
  if (![16, 32, 48, 64].includes(kilobytes)) {
    throw new Error(`AWS WAF can inspect 16, 32, 48 or 64 KB of a body behind CloudFront; the app's limit is ${bytes} bytes`);
  }
  return `KB_${kilobytes}`;
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
      description: 'Curfew checks: managed protections, rate limits on the link endpoints and overall, and the body size limit of the app',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(name),
      associationConfig: { requestBody: { CLOUDFRONT: { defaultSizeInspectionLimit: bodyLimits.inspectionLimit } } },
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
        {
          name: 'body-larger-than-the-app-accepts',
          priority: 3,
          action: { block: {} },
          statement: {
            sizeConstraintStatement: {
              // A body beyond the inspection limit (the same number) is over the limit: it matches.
              fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
              comparisonOperator: 'GT',
              size: maxBodyBytes,
              textTransformations: [{ priority: 0, type: 'NONE' }],
            },
          },
          visibilityConfig: visibility('body-larger-than-the-app-accepts'),
        },
        managedRuleGroup('AWSManagedRulesCommonRuleSet', 4, [bodyLimits.countedManagedRule]),
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 5),
      ],
    });

    new CfnOutput(this, 'WebAclArn', { value: this.webAcl.attrArn, description: 'The WebACL in front of CloudFront' });
  }
}
