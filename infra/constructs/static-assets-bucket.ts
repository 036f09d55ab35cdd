import { createHash } from 'node:crypto';
import { cpSync, statSync } from 'node:fs';
import path from 'node:path';
import { AssetHashType, BundlingOutput, DockerImage, Duration, FileSystem, RemovalPolicy } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { ISource } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { handlerDefaults } from '#infra/constructs/handler-function';
import type { StaticFile, StaticFolder } from '#infra/static-assets';

/** One entry of infra/static-assets.ts as an S3 object key (or key prefix) and the local path it comes from. */
export interface StaticObject {
  /** The URL without its leading slash: `assets` for a folder, `stylesheets/app.css` for a file. */
  readonly key: string;
  readonly from: string;
}

/** Every static folder and file, at the key matching its URL (so CloudFront passes paths through unchanged). */
export function staticObjects(folders: readonly StaticFolder[], files: readonly StaticFile[]): StaticObject[] {
  return [
    ...folders.map(({ urlPrefix, folder }) => ({ key: urlPrefix.replace(/^\/+|\/+$/g, ''), from: folder })),
    ...files.map(({ url, file }) => ({ key: url.replace(/^\/+/, ''), from: file })),
  ];
}

/**
 * The CloudFront path patterns that cover the static files: `/<first segment>/*` for anything in a
 * folder (`/assets/*`, `/stylesheets/*`, `/javascripts/*`), the exact path for a file at the root.
 */
export function staticPathPatterns(folders: readonly StaticFolder[], files: readonly StaticFile[]): string[] {
  const firstSegment = (url: string): string => url.split('/')[1] ?? '';
  const patterns = [
    ...folders.map(({ urlPrefix }) => `/${firstSegment(urlPrefix)}/*`),
    ...files.map(({ url }) => (url.lastIndexOf('/') === 0 ? url : `/${firstSegment(url)}/*`)),
  ];
  return [...new Set(patterns)];
}

/** True when a path (e.g. an API route like `/r/{token}`) would be served by one of the patterns instead. */
export function matchesStaticPattern(urlPath: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => (pattern.endsWith('/*') ? urlPath.startsWith(pattern.slice(0, -1)) : urlPath === pattern));
}

/**
 * One entry as a deployment source: a zip holding the folder or file at its key. The zip is laid
 * out by a local copy (no Docker: the image below is never pulled, because the copy always
 * succeeds). The asset hash is the key plus the content's fingerprint, so a changed file, or a
 * file moved to another URL, uploads again and nothing else does.
 */
function sourceFor({ key, from }: StaticObject): ISource {
  const fingerprint = createHash('sha256').update(key).update('\0').update(FileSystem.fingerprint(from)).digest('hex');
  return Source.asset(statSync(from).isDirectory() ? from : path.dirname(from), {
    assetHash: fingerprint,
    assetHashType: AssetHashType.CUSTOM,
    bundling: {
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/busybox'),
      outputType: BundlingOutput.NOT_ARCHIVED,
      local: {
        tryBundle(outputDir: string): boolean {
          cpSync(from, path.join(outputDir, key), { recursive: true });
          return true;
        },
      },
    },
  });
}

export interface StaticAssetsBucketProps {
  readonly folders: readonly StaticFolder[];
  readonly files: readonly StaticFile[];
  /** Where S3 writes the bucket's server access logs (the CloudFront access log bucket). */
  readonly accessLogBucket: IBucket;
  /** Invalidated after every upload: the URLs carry no version, so edges would keep old files. */
  readonly distribution: IDistribution;
}

/**
 * The files pages load (GOV.UK Frontend's CSS, JavaScript, fonts and images, and our stylesheet),
 * in a private bucket that only CloudFront reads (EdgeDistribution.serveFromBucket adds the
 * bucket policy, through Origin Access Control). A BucketDeployment uploads exactly the files in
 * infra/static-assets.ts, the list the local server serves from, and removes any others.
 */
export class StaticAssetsBucket extends Construct {
  readonly bucket: Bucket;
  readonly deployment: BucketDeployment;
  /** The role of the deployment's Lambda function (a CDK singleton). */
  readonly deploymentRole: Role;
  readonly deploymentLogGroup: LogGroup;
  readonly objects: readonly StaticObject[];
  readonly pathPatterns: readonly string[];

  constructor(scope: Construct, id: string, props: StaticAssetsBucketProps) {
    super(scope, id);
    this.objects = staticObjects(props.folders, props.files);
    this.pathPatterns = staticPathPatterns(props.folders, props.files);

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // SSE-S3: Origin Access Control reads it without a key policy; the files are public anyway.
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Every deploy uploads the files again from the repository, which is their history.
      versioned: false,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 's3/static-assets/',
      // Retained like every bucket here: CloudFormation cannot delete a bucket with objects in it,
      // and emptying it on delete would take another Lambda-backed custom resource. What is left
      // behind is only public GOV.UK Frontend files and our stylesheet: delete it by hand.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Our own role and log group, as for every handler: no AWS managed policy, logs kept a year.
    this.deploymentLogGroup = new LogGroup(this, 'DeploymentLogGroup', {
      retention: handlerDefaults.logRetention,
      removalPolicy: handlerDefaults.logRemovalPolicy,
    });
    this.deploymentRole = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Uploads the static files pages load to the static assets bucket and invalidates them in CloudFront',
    });
    this.deploymentLogGroup.grantWrite(this.deploymentRole);

    this.deployment = new BucketDeployment(this, 'Deployment', {
      sources: this.objects.map(sourceFor),
      destinationBucket: this.bucket,
      // Files no longer in infra/static-assets.ts are removed from the bucket.
      prune: true,
      distribution: props.distribution,
      distributionPaths: [...this.pathPatterns],
      // Browsers may keep a file an hour; each deploy invalidates CloudFront's copies.
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.hours(1))],
      role: this.deploymentRole,
      logGroup: this.deploymentLogGroup,
    });
  }
}
