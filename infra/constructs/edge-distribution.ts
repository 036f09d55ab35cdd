import { Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AccessLevel,
  AllowedMethods,
  CachePolicy,
  CachedMethods,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface EdgeDistributionProps {
  /** The HTTP API whose `$default` stage is the default origin (everything but static files). */
  readonly httpApi: IHttpApi;
  /** ARN of the CLOUDFRONT-scope WebACL (created in us-east-1 by the edge stack). */
  readonly webAclArn: string;
  /**
   * Optional custom domain (e.g. `curfew-checks.example.gov.uk`) with its ACM certificate, which
   * must be in us-east-1. Without it the distribution answers on its `*.cloudfront.net` name.
   */
  readonly customDomain?: { readonly domainName: string; readonly certificate: ICertificate };
  /**
   * The header CloudFront adds to every request it sends the API, without which the routes refuse
   * it (see OriginVerification). CloudFront replaces a header of that name sent by a viewer.
   */
  readonly originVerify: { readonly headerName: string; readonly value: string };
}

/**
 * CloudFront in front of the HTTP API, so AWS WAF (which cannot be attached to an HTTP API) sees
 * every request: nothing cached, every method, header (except Host), cookie and query string
 * forwarded, HTTPS only, security headers on every response, access logs without cookies.
 * Static files (see {@link EdgeDistribution.serveFromBucket}) come from S3 on their own paths,
 * cached, behind the same WebACL and with the same headers.
 */
export class EdgeDistribution extends Construct {
  readonly distribution: Distribution;
  readonly logBucket: Bucket;
  readonly responseHeadersPolicy: ResponseHeadersPolicy;
  readonly customDomain: EdgeDistributionProps['customDomain'];

  constructor(scope: Construct, id: string, props: EdgeDistributionProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.customDomain = props.customDomain;

    this.logBucket = new Bucket(this, 'AccessLogBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront standard logging writes with an ACL grant and does not support SSE-KMS buckets.
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      versioned: false,
      // The same year as every other log in this system (see handlerDefaults.logRetention).
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.responseHeadersPolicy = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: `${stack.stackName}-security-headers`,
      comment: 'HSTS, nosniff, no referrer, no framing',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        // Link pages carry a token in their path: never send it to another site.
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      },
    });

    // `https://<apiId>.execute-api.<region>.amazonaws.com` → the host name alone.
    const apiDomainName = Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint));

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${stack.stackName}: staff and link traffic to the HTTP API, behind AWS WAF`,
      defaultBehavior: {
        origin: new HttpOrigin(apiDomainName, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [OriginSslPolicy.TLS_V1_2],
          customHeaders: { [props.originVerify.headerName]: props.originVerify.value },
        }),
        allowedMethods: AllowedMethods.ALLOW_ALL,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        // Every response is per user or per link: nothing may be cached. With caching disabled,
        // the all-viewer policy forwards every header but Host (API Gateway needs its own), so
        // Authorization, Cookie, Origin, x-csrf-token, idempotency-key and Content-Type all reach
        // the handlers, with every cookie and query string.
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: this.responseHeadersPolicy,
        compress: true,
      },
      webAclId: props.webAclArn,
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Users are in the UK: Europe and North America edges are enough.
      priceClass: PriceClass.PRICE_CLASS_100,
      enableIpv6: true,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      // Cookies hold staff sessions: they must never be written to the logs.
      logIncludesCookies: false,
      // TLS 1.2 or later needs our own certificate: AWS fixes the default *.cloudfront.net
      // certificate's policy at TLSv1 (see the CFR4 acknowledgement in infra/nag-suppressions.ts).
      ...(props.customDomain === undefined
        ? {}
        : {
            domainNames: [props.customDomain.domainName],
            certificate: props.customDomain.certificate,
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }),
    });
  }

  /**
   * Serves the given paths from a private bucket through Origin Access Control: the bucket policy
   * lets this distribution, and nothing else, read objects. GET and HEAD only, cached (the files
   * are the same for everyone), no cookies, headers or query strings sent to S3, HTTPS only, and
   * the same security headers as every other response. Everything else stays on the API.
   */
  serveFromBucket(bucket: IBucket, pathPatterns: readonly string[]): void {
    const origin = S3BucketOrigin.withOriginAccessControl(bucket, { originAccessLevels: [AccessLevel.READ] });
    for (const pathPattern of pathPatterns) {
      this.distribution.addBehavior(pathPattern, origin, {
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachedMethods: CachedMethods.CACHE_GET_HEAD,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeadersPolicy,
        compress: true,
      });
    }
  }
}
