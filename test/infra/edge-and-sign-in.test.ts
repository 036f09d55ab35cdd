import { Match, Template } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiResourceServer, courtsAttribute, gradeAttribute, regionAttribute, staffGroups } from '#infra/constructs/staff-sign-in';
import { matchesStaticPattern, staticPathPatterns } from '#infra/constructs/static-assets-bucket';
import { defaultCognitoDomainPrefix } from '#infra/curfew-checks-stack';
import type { CurfewChecksStack } from '#infra/curfew-checks-stack';
import type { CurfewChecksEdgeStack } from '#infra/edge-stack';
import { deployedFunctions } from '#infra/function-registry';
import { addCurfewChecksStacks, edgeRegion, placeholderAccount } from '#infra/stacks';
import { staticFiles, staticFolders } from '#infra/static-assets';
import { roleGroups } from '#auth/staff-claims';
import { maxBodyBytes } from '#runtime/request-limits';
import { providerSignOutUrl } from '#auth/sign-in-urls';
import { synthesized, testApp, testPublicBaseUrl } from './support/stack-template.ts';
import type { CfnResource, SynthesizedStack } from './support/stack-template.ts';

// ---------------------------------------------------------------------------- setup

let main: CurfewChecksStack;
let edge: CurfewChecksEdgeStack;
let mainTemplate: Template;
let edgeTemplate: Template;
let logicalIdOf: SynthesizedStack['logicalIdOf'];

beforeAll(() => {
  // As infra/app.ts builds them with cdk.json's defaults and no account. Bundling is skipped: no
  // assertion here is about the function code.
  const app = testApp();
  ({ main, edge } = addCurfewChecksStacks(app, { stackName: 'CurfewChecks', region: 'eu-west-2', publicBaseUrl: testPublicBaseUrl }));
  ({ template: mainTemplate, logicalIdOf } = synthesized(main));
  edgeTemplate = Template.fromStack(edge);
}, 180_000);

function only(template: Template, type: string): [string, CfnResource] {
  const found = Object.entries(template.findResources(type)) as [string, CfnResource][];
  expect(found, `exactly one ${type}`).toHaveLength(1);
  return found[0] as [string, CfnResource];
}

// ---------------------------------------------------------------------------- the two stacks

describe('stacks', () => {
  it('puts the WebACL in us-east-1 and everything else in the chosen region, with the placeholder account when none is given', () => {
    expect(edge.region).toBe(edgeRegion);
    expect(edgeRegion).toBe('us-east-1');
    expect(main.region).toBe('eu-west-2');
    expect(main.account).toBe(placeholderAccount);
    expect(edge.account).toBe(placeholderAccount);
    expect(edge.stackName).toBe('CurfewChecksEdge');
  });

  it('keeps CloudFront, Cognito and the functions out of the edge stack', () => {
    expect(Object.keys(edgeTemplate.toJSON()['Resources'] as object).length).toBeGreaterThan(0);
    for (const type of ['AWS::CloudFront::Distribution', 'AWS::Cognito::UserPool', 'AWS::Lambda::Function', 'AWS::DynamoDB::Table']) {
      edgeTemplate.resourceCountIs(type, 0);
    }
  });
});

// ---------------------------------------------------------------------------- Cognito

describe('staff user pool', () => {
  it('lets only administrators create users, signs in by email, and is kept if the stack goes', () => {
    mainTemplate.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
        UsernameAttributes: ['email'],
        DeletionProtection: 'ACTIVE',
      }),
    });
  });

  it('requires MFA, by authenticator app only', () => {
    mainTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  it('has a strong password policy', () => {
    const [, pool] = only(mainTemplate, 'AWS::Cognito::UserPool');
    const policy = (pool.Properties['Policies'] as { PasswordPolicy: Record<string, unknown> }).PasswordPolicy;
    expect(policy).toMatchObject({ RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true });
    expect(policy['MinimumLength']).toBeGreaterThanOrEqual(12);
  });

  it('enforces threat protection (Plus plan)', () => {
    mainTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  it('has the custom courts attribute, a mutable string', () => {
    mainTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([Match.objectLike({ Name: courtsAttribute, AttributeDataType: 'String', Mutable: true })]),
    });
  });

  it('has exactly the four staff groups', () => {
    const groups = Object.values(mainTemplate.findResources('AWS::Cognito::UserPoolGroup')) as CfnResource[];
    expect(groups.map((group) => group.Properties['GroupName']).sort()).toEqual(['court-officer', 'performance-lead', 'senior-probation-officer', 'sentencer']);
    expect(Object.keys(staffGroups).sort()).toEqual(['court-officer', 'performance-lead', 'senior-probation-officer', 'sentencer']);
  });

  it('names its groups exactly as the handlers read them from cognito:groups', () => {
    expect(Object.keys(staffGroups).sort()).toEqual(Object.values(roleGroups).sort());
  });

  it('has the hosted sign-in domain on the default prefix for the stack name', () => {
    expect(defaultCognitoDomainPrefix('CurfewChecks')).toBe('curfew-checks-curfewchecks');
    mainTemplate.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'curfew-checks-curfewchecks' });
  });

  it('calls the pre-token-generation function with event version V2_0 (the one that can add claims to access tokens), and lets only this pool invoke it', () => {
    const [poolId, pool] = only(mainTemplate, 'AWS::Cognito::UserPool');
    const trigger = main.handlerNamed('pre-token-generation').function;
    const triggerArn = { 'Fn::GetAtt': [logicalIdOf(trigger), 'Arn'] };

    expect((pool.Properties['LambdaConfig'] as Record<string, unknown>)['PreTokenGenerationConfig']).toEqual({ LambdaArn: triggerArn, LambdaVersion: 'V2_0' });
    mainTemplate.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: triggerArn,
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] },
    });
  });

  it('has the API resource server with the one staff scope', () => {
    mainTemplate.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: apiResourceServer.identifier,
      Scopes: [Match.objectLike({ ScopeName: apiResourceServer.scope })],
    });
  });
});

describe('web app client', () => {
  it('is the only client: authorization code flow only, public (no secret, so PKCE protects the code)', () => {
    const [, client] = only(mainTemplate, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      GenerateSecret: false,
      SupportedIdentityProviders: ['COGNITO'],
    });
  });

  it('redirects only to the callback and signed-out URLs on publicBaseUrl', () => {
    mainTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: [`${testPublicBaseUrl}/auth/callback`],
      LogoutURLs: [`${testPublicBaseUrl}/`],
    });
  });

  it("allows the logout_uri the sign-out handler sends to Cognito's /logout (else /logout refuses and the user stays signed in there)", () => {
    const [, client] = only(mainTemplate, 'AWS::Cognito::UserPoolClient');
    const sent = providerSignOutUrl('https://curfew-checks-curfewchecks.auth.eu-west-2.amazoncognito.com/logout', 'the-client-id', testPublicBaseUrl);

    expect(client.Properties['LogoutURLs']).toContain(sent.searchParams.get('logout_uri'));
  });

  it('asks for openid, email, profile and the staff API scope, nothing else', () => {
    const [, client] = only(mainTemplate, 'AWS::Cognito::UserPoolClient');
    const [resourceServerId] = only(mainTemplate, 'AWS::Cognito::UserPoolResourceServer');
    const scopes = client.Properties['AllowedOAuthScopes'] as unknown[];
    expect(scopes.filter((scope) => typeof scope === 'string').sort()).toEqual(['email', 'openid', 'profile']);
    expect(scopes.filter((scope) => typeof scope !== 'string')).toEqual([
      { 'Fn::Join': ['', [{ Ref: resourceServerId }, `/${apiResourceServer.scope}`]] },
    ]);
  });

  it('issues 15-minute access and ID tokens and 10-hour refresh tokens, revocable', () => {
    mainTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AccessTokenValidity: 15,
      IdTokenValidity: 15,
      RefreshTokenValidity: 600,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
      EnableTokenRevocation: true,
    });
  });

  it('does not reveal whether a user exists, and allows no API sign-in flow but refresh', () => {
    mainTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      PreventUserExistenceErrors: 'ENABLED',
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
    });
  });

  it('can read custom:courts, custom:grade and custom:region but never write them (the write list is never empty: empty means everything)', () => {
    const [, client] = only(mainTemplate, 'AWS::Cognito::UserPoolClient');
    const writable = client.Properties['WriteAttributes'] as string[];
    expect(writable.length).toBeGreaterThan(0);
    expect(writable).not.toContain(`custom:${courtsAttribute}`);
    expect(writable).not.toContain(`custom:${gradeAttribute}`);
    expect(writable).not.toContain(`custom:${regionAttribute}`);
    expect(writable).not.toContain('email');
    expect(client.Properties['ReadAttributes']).toContain(`custom:${courtsAttribute}`);
    expect(client.Properties['ReadAttributes']).toContain(`custom:${gradeAttribute}`);
    expect(client.Properties['ReadAttributes']).toContain(`custom:${regionAttribute}`);
  });
});

// ---------------------------------------------------------------------------- AWS WAF

describe('WebACL (edge stack)', () => {
  const rules = (): Record<string, unknown>[] => {
    const [, webAcl] = only(edgeTemplate, 'AWS::WAFv2::WebACL');
    return webAcl.Properties['Rules'] as Record<string, unknown>[];
  };
  const rule = (name: string): Record<string, unknown> => {
    const found = rules().find((candidate) => candidate['Name'] === name);
    if (!found) throw new Error(`No rule ${name}`);
    return found;
  };

  it('is scoped to CloudFront and allows what no rule blocks', () => {
    edgeTemplate.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      VisibilityConfig: { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: Match.anyValue() },
    });
  });

  it('uses the AWS managed common, known-bad-inputs and IP reputation rule groups, with their own actions', () => {
    const managed = rules()
      .map((candidate) => (candidate['Statement'] as { ManagedRuleGroupStatement?: { VendorName: string; Name: string } }).ManagedRuleGroupStatement)
      .filter((statement) => statement !== undefined);
    expect(managed.map((statement) => `${statement.VendorName}/${statement.Name}`).sort()).toEqual([
      'AWS/AWSManagedRulesAmazonIpReputationList',
      'AWS/AWSManagedRulesCommonRuleSet',
      'AWS/AWSManagedRulesKnownBadInputsRuleSet',
    ]);
    for (const candidate of rules().filter((r) => (r['Statement'] as Record<string, unknown>)['ManagedRuleGroupStatement'])) {
      expect(candidate['OverrideAction']).toEqual({ None: {} });
    }
  });

  it('blocks an IP address that sends more than 100 requests in 5 minutes to the link paths', () => {
    expect(rule('rate-limit-link-endpoints')).toMatchObject({
      Action: { Block: {} },
      Statement: {
        RateBasedStatement: {
          Limit: 100,
          EvaluationWindowSec: 300,
          AggregateKeyType: 'IP',
          ScopeDownStatement: {
            OrStatement: {
              Statements: ['/r/', '/respond', '/api/responses', '/w/', '/withdraw-consent'].map((prefix) => ({
                ByteMatchStatement: {
                  FieldToMatch: { UriPath: {} },
                  PositionalConstraint: 'STARTS_WITH',
                  SearchString: prefix,
                  TextTransformations: [{ Priority: 0, Type: 'NONE' }],
                },
              })),
            },
          },
        },
      },
    });
  });

  it('blocks an IP address that sends more than 2000 requests in 5 minutes to anything', () => {
    expect(rule('rate-limit-everything')).toMatchObject({
      Action: { Block: {} },
      Statement: { RateBasedStatement: { Limit: 2000, EvaluationWindowSec: 300, AggregateKeyType: 'IP' } },
    });
    const statement = (rule('rate-limit-everything')['Statement'] as { RateBasedStatement: Record<string, unknown> }).RateBasedStatement;
    expect(statement['ScopeDownStatement']).toBeUndefined();
  });

  it('gives every rule CloudWatch metrics and sampled requests, and distinct priorities', () => {
    expect(rules()).toHaveLength(6);
    for (const candidate of rules()) {
      expect(candidate['VisibilityConfig']).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true });
    }
    expect(new Set(rules().map((candidate) => candidate['Priority'])).size).toBe(6);
  });

  // A long answer (4,000 characters of free text, form-encoded) is well over the 8 KB at which the
  // common rule set's SizeRestrictions_BODY blocks; the app accepts up to 64 KiB.
  it('only counts the common rule set\'s 8 KB body size rule, and keeps every other managed rule\'s own action', () => {
    const overridesOf = (candidate: Record<string, unknown>): unknown =>
      (candidate['Statement'] as { ManagedRuleGroupStatement: { RuleActionOverrides?: unknown } }).ManagedRuleGroupStatement.RuleActionOverrides;
    expect(overridesOf(rule('aws-AWSManagedRulesCommonRuleSet'))).toEqual([{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }]);
    expect(overridesOf(rule('aws-AWSManagedRulesKnownBadInputsRuleSet'))).toBeUndefined();
    expect(overridesOf(rule('aws-AWSManagedRulesAmazonIpReputationList'))).toBeUndefined();
  });

  it('blocks a body larger than the app accepts (the handlers\' own limit), before the managed rule groups', () => {
    expect(maxBodyBytes).toBe(64 * 1024);
    expect(rule('body-larger-than-the-app-accepts')).toMatchObject({
      Action: { Block: {} },
      Statement: {
        SizeConstraintStatement: {
          FieldToMatch: { Body: { OversizeHandling: 'MATCH' } },
          ComparisonOperator: 'GT',
          Size: maxBodyBytes,
          TextTransformations: [{ Priority: 0, Type: 'NONE' }],
        },
      },
    });
    expect(rule('body-larger-than-the-app-accepts')['Priority']).toBeLessThan(rule('aws-AWSManagedRulesCommonRuleSet')['Priority'] as number);
  });

  it('has CloudFront send WAF the whole body the app accepts (64 KB), not the first 16 KB', () => {
    edgeTemplate.hasResourceProperties('AWS::WAFv2::WebACL', {
      AssociationConfig: { RequestBody: { CLOUDFRONT: { DefaultSizeInspectionLimit: 'KB_64' } } },
    });
  });

  it('publishes its ARN for the main stack', () => {
    const [webAclId] = only(edgeTemplate, 'AWS::WAFv2::WebACL');
    edgeTemplate.hasOutput('WebAclArn', { Value: { 'Fn::GetAtt': [webAclId, 'Arn'] } });
  });
});

// ---------------------------------------------------------------------------- CloudFront

describe('CloudFront distribution', () => {
  const config = (): Record<string, unknown> => {
    const [, distribution] = only(mainTemplate, 'AWS::CloudFront::Distribution');
    return distribution.Properties['DistributionConfig'] as Record<string, unknown>;
  };

  it('uses the WebACL from the us-east-1 stack', () => {
    const webAclId = config()['WebACLId'] as { 'Fn::GetStackOutput': { StackName: string; Region: string; OutputName: string } };
    expect(webAclId['Fn::GetStackOutput']).toMatchObject({ StackName: 'CurfewChecksEdge', Region: 'us-east-1' });
    const [webAclLogicalId] = only(edgeTemplate, 'AWS::WAFv2::WebACL');
    edgeTemplate.hasOutput(webAclId['Fn::GetStackOutput'].OutputName, { Value: { 'Fn::GetAtt': [webAclLogicalId, 'Arn'] } });
  });

  const origins = (): Record<string, unknown>[] => config()['Origins'] as Record<string, unknown>[];
  const apiOrigin = (): Record<string, unknown> => {
    const found = origins().filter((origin) => origin['CustomOriginConfig'] !== undefined);
    expect(found).toHaveLength(1);
    return found[0] as Record<string, unknown>;
  };

  it('has two origins: the HTTP API, over HTTPS with TLS 1.2, and the static assets bucket', () => {
    const [apiId] = only(mainTemplate, 'AWS::ApiGatewayV2::Api');
    expect(origins()).toHaveLength(2);
    expect(apiOrigin()).toMatchObject({
      DomainName: { 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] }] }] },
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
    });
    expect(origins().filter((origin) => origin['S3OriginConfig'] !== undefined)).toHaveLength(1);
  });

  it('sends everything that is not a static file to the HTTP API', () => {
    expect((config()['DefaultCacheBehavior'] as Record<string, unknown>)['TargetOriginId']).toBe(apiOrigin()['Id']);
  });

  it('redirects http to https, forwards every method, caches nothing and forwards every viewer header but Host', () => {
    expect(config()['DefaultCacheBehavior']).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
      OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
    });
  });

  it('adds HSTS (2 years, subdomains), nosniff, no referrer and DENY framing to every response', () => {
    const [policyId] = only(mainTemplate, 'AWS::CloudFront::ResponseHeadersPolicy');
    expect(config()['DefaultCacheBehavior']).toMatchObject({ ResponseHeadersPolicyId: { Ref: policyId } });
    mainTemplate.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
          ContentTypeOptions: { Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
        },
      }),
    });
  });

  it('logs requests, without cookies, to its own bucket', () => {
    const bucketId = logicalIdOf(main.edge.logBucket);
    expect(config()['Logging']).toEqual({
      Bucket: { 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] },
      IncludeCookies: false,
      Prefix: 'cloudfront/',
    });
  });

  it('uses the default certificate when no custom domain is given (TLS 1.2 needs one: see the CFR4 acknowledgement)', () => {
    expect(config()['Aliases']).toBeUndefined();
    expect(config()['ViewerCertificate']).toBeUndefined();
  });
});

describe('static files on S3', () => {
  const config = (): Record<string, unknown> => {
    const [, distribution] = only(mainTemplate, 'AWS::CloudFront::Distribution');
    return distribution.Properties['DistributionConfig'] as Record<string, unknown>;
  };
  const behaviours = (): Record<string, unknown>[] => (config()['CacheBehaviors'] as Record<string, unknown>[] | undefined) ?? [];
  const s3Origin = (): Record<string, unknown> => {
    const found = (config()['Origins'] as Record<string, unknown>[]).filter((origin) => origin['S3OriginConfig'] !== undefined);
    expect(found).toHaveLength(1);
    return found[0] as Record<string, unknown>;
  };
  const staticBucketId = (): string => logicalIdOf(main.staticAssets.bucket);

  it('covers exactly the URL prefixes of infra/static-assets.ts', () => {
    expect(staticPathPatterns(staticFolders, staticFiles)).toEqual(['/assets/*', '/stylesheets/*', '/javascripts/*']);
    expect(main.staticAssets.pathPatterns).toEqual(['/assets/*', '/stylesheets/*', '/javascripts/*']);
    for (const { urlPrefix } of staticFolders) expect(matchesStaticPattern(`${urlPrefix}fonts/x.woff2`, main.staticAssets.pathPatterns)).toBe(true);
    for (const { url } of staticFiles) expect(matchesStaticPattern(url, main.staticAssets.pathPatterns)).toBe(true);
  });

  it('never sends a route of the HTTP API to the bucket', () => {
    const routePaths = deployedFunctions.flatMap((definition) => (definition.routes ?? []).map((route) => route.path));
    expect(routePaths.filter((routePath) => matchesStaticPattern(routePath, main.staticAssets.pathPatterns))).toEqual([]);
  });

  it('has one behaviour per prefix, to the bucket: GET and HEAD only, cached, HTTPS, the same security headers, nothing forwarded', () => {
    const [policyId] = only(mainTemplate, 'AWS::CloudFront::ResponseHeadersPolicy');
    expect(behaviours().map((behaviour) => behaviour['PathPattern'])).toEqual(['/assets/*', '/stylesheets/*', '/javascripts/*']);
    for (const behaviour of behaviours()) {
      expect(behaviour).toEqual({
        PathPattern: behaviour['PathPattern'],
        TargetOriginId: s3Origin()['Id'],
        AllowedMethods: ['GET', 'HEAD'],
        CachedMethods: ['GET', 'HEAD'],
        CachePolicyId: CachePolicy.CACHING_OPTIMIZED.cachePolicyId,
        ViewerProtocolPolicy: 'redirect-to-https',
        ResponseHeadersPolicyId: { Ref: policyId },
        Compress: true,
      });
    }
  });

  it('reads the static assets bucket through Origin Access Control (signed requests, no legacy OAI)', () => {
    const [oacId] = only(mainTemplate, 'AWS::CloudFront::OriginAccessControl');
    expect(s3Origin()).toMatchObject({
      DomainName: { 'Fn::GetAtt': [staticBucketId(), 'RegionalDomainName'] },
      OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    mainTemplate.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    mainTemplate.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
  });

  it('keeps the bucket private, encrypted, without ACLs, logged to the access log bucket, and retained', () => {
    const bucket = mainTemplate.findResources('AWS::S3::Bucket')[staticBucketId()] as CfnResource;
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalIdOf(main.edge.logBucket) }, LogFilePrefix: 's3/static-assets/' },
    });
    expect(bucket.Properties['WebsiteConfiguration']).toBeUndefined();
  });

  it('lets only this distribution read objects, and refuses requests without TLS', () => {
    const policies = Object.values(mainTemplate.findResources('AWS::S3::BucketPolicy')) as CfnResource[];
    const policy = policies.find((candidate) => (candidate.Properties['Bucket'] as { Ref: string }).Ref === staticBucketId());
    const statements = (policy?.Properties['PolicyDocument'] as { Statement: Record<string, unknown>[] }).Statement;
    const [distributionId] = only(mainTemplate, 'AWS::CloudFront::Distribution');
    const objects = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [staticBucketId(), 'Arn'] }, '/*']] };
    expect(statements.filter((statement) => statement['Effect'] === 'Allow')).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: objects,
        Condition: {
          StringEquals: {
            'AWS:SourceArn': {
              'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudfront::', { Ref: 'AWS::AccountId' }, ':distribution/', { Ref: distributionId }]],
            },
          },
        },
      },
    ]);
    expect(statements.filter((statement) => statement['Effect'] !== 'Allow')).toEqual([
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
  });
});

describe('access log bucket', () => {
  it('blocks public access, is encrypted, keeps ACLs CloudFront logging needs, and is retained', () => {
    mainTemplate.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
      }),
    });
  });

  it('refuses requests without TLS', () => {
    mainTemplate.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      }),
    });
  });
});
