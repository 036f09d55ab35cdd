import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CurfewChecksStack } from '#infra/curfew-checks-stack';
import type { CurfewChecksEdgeStack } from '#infra/edge-stack';
import { linkPathPrefixes } from '#infra/edge-stack';
import { deployedFunctions } from '#infra/function-registry';
import { publicRoutes } from '#infra/nag-suppressions';
import { addCurfewChecksStacks } from '#infra/stacks';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');

/** The same feature flags and defaults as `cdk synth` (cdk.json's context). */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(repositoryRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  return cdkJson.context;
}

let app: App;
let stack: CurfewChecksStack;
let edgeStack: CurfewChecksEdgeStack;
let report: PolicyValidationPluginReport;
let synthError: unknown;

beforeAll(() => {
  // Built as infra/app.ts builds it, with the AwsSolutions pack registered the same way and
  // aws-cdk-lib's built-in CloudFormation validation on, as for `cdk synth` (the other infra tests
  // turn that off: testApp in support/stack-template.ts). Bundling is skipped: the checks read the
  // construct tree and the bundles do not change any finding.
  app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  // Both stacks: the main one and the us-east-1 one with the WebACL, with the placeholder account
  // that `cdk synth` uses when no account is given.
  ({ main: stack, edge: edgeStack } = addCurfewChecksStacks(app, {
    stackName: 'CurfewChecks',
    region: 'eu-west-2',
    publicBaseUrl: 'https://curfew-checks.test.example.gov.uk',
  }));
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  // Synthesis runs the registered pack and throws ValidationFailed on any unacknowledged error;
  // the same pack run directly on the synthesized tree then lists every finding by rule and path.
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
  report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(app);
}, 180_000);

/** Acknowledgements recorded on a construct: rule id → reason. */
function acknowledgementsOn(construct: IConstruct): Record<string, string> {
  return Object.assign(
    {},
    ...construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .map((entry) => entry.data as Record<string, string>),
  ) as Record<string, string>;
}

describe('cdk-nag AwsSolutions checks', () => {
  it('checked both stacks', () => {
    expect(app.node.children).toEqual(expect.arrayContaining([stack, edgeStack]));
    expect(edgeStack.region).toBe('us-east-1');
    expect(stack.region).toBe('eu-west-2');
  });

  it('report no unacknowledged error or warning', () => {
    const findings = report.violations.map(
      (violation) => `${violation.severity ?? 'unknown'} ${violation.ruleName} at ${violation.violatingResources.map((resource) => resource.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('let the synth succeed with the pack registered as infra/app.ts registers it', () => {
    expect(synthError).toBeUndefined();
  });

  it("pass aws-cdk-lib's built-in CloudFormation validation (resource schemas and rules) with nothing to report", () => {
    const reportFile = path.join(app.outdir, 'validation-report.json');
    const written = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as { pluginReports: { pluginName: string; violations: { ruleName: string; severity: string }[] }[] }) : { pluginReports: [] };
    const cloudFormationFindings = written.pluginReports.filter((plugin) => plugin.pluginName === 'CloudFormation Validate').flatMap((plugin) => plugin.violations.map((violation) => `${violation.severity} ${violation.ruleName}`));
    expect(cloudFormationFindings).toEqual([]);
  });

  it('were acknowledged only on specific constructs, never for the whole app or stack', () => {
    expect(acknowledgementsOn(app)).toEqual({});
    expect(acknowledgementsOn(stack)).toEqual({});
    expect(acknowledgementsOn(edgeStack)).toEqual({});
  });

  it('need no acknowledgement at all in the edge stack (the WebACL has no finding)', () => {
    const all = edgeStack.node.findAll().flatMap((construct) => Object.entries(acknowledgementsOn(construct)));
    expect(all).toEqual([]);
  });

  it('were acknowledged each with a written reason', () => {
    const all = app.node.findAll().flatMap((construct) => Object.entries(acknowledgementsOn(construct)));
    expect(all.length).toBeGreaterThan(0);
    for (const [id, reason] of all) {
      expect(id).toMatch(/AwsSolutions-/);
      expect(reason.length, `reason for ${id}`).toBeGreaterThan(60);
    }
  });

  it('acknowledged secret rotation only on the two Notify secrets and the origin header secret, and the missing DLQ only on queues that are DLQs (test/infra/resilience.test.ts)', () => {
    const holders = (id: string): string[] =>
      app.node
        .findAll()
        .filter((construct) => Object.keys(acknowledgementsOn(construct)).some((key) => key.endsWith(id)))
        .map((construct) => construct.node.path);
    expect(holders('AwsSolutions-SMG4').sort()).toEqual(
      [stack.notify.apiKeySecret.node.path, stack.notify.callbackTokenSecret.node.path, stack.originVerification.secret.node.path].sort(),
    );
    // Every queue in the stack is a dead-letter queue; resilience.test.ts asserts what each one is the DLQ of.
    const queues = stack.node.findAll().filter((construct) => construct instanceof Queue).map((construct) => construct.node.path);
    expect(queues).toContain(stack.notify.deadLetterQueue.node.path);
    expect(holders('AwsSolutions-SQS3').sort()).toEqual(queues.sort());
  });

  it('gave the stream readers alone (deliver-messages, keep-performance-counts, publish-domain-events) a Resource::* reason that names dynamodb:ListStreams', () => {
    for (const handler of stack.handlers) {
      const [, reason = ''] = Object.entries(acknowledgementsOn(handler.role)).find(([key]) => key.endsWith('AwsSolutions-IAM5[Resource::*]')) ?? [];
      expect(reason.includes('dynamodb:ListStreams'), handler.definition.name).toBe(['deliver-messages', 'keep-performance-counts', 'publish-domain-events'].includes(handler.definition.name));
    }
  });

  const deployedRouteKeys = deployedFunctions.flatMap((definition) => (definition.routes ?? []).map((route) => `${route.method} ${route.path}`));
  const signInRouteKeys = ['GET /auth/callback', 'GET /auth/sign-in', 'POST /auth/sign-out'];

  it('treat as public exactly the link routes, the routes that start or end sign-in, Notify\'s receipts, the health check and the API\'s description', () => {
    expect(Object.keys(publicRoutes).sort()).toEqual(
      [
        'GET /health',
        'GET /api/openapi.json',
        'POST /notify/callback',
        'POST /api/responses',
        'GET /r/{token}',
        'HEAD /r/{token}',
        'GET /respond',
        'POST /respond',
        'POST /respond/new-link',
        'GET /w/{token}',
        'HEAD /w/{token}',
        'GET /withdraw-consent',
        'POST /withdraw-consent',
        'GET /{proxy+}',
        'HEAD /{proxy+}',
        'POST /{proxy+}',
        ...signInRouteKeys,
      ].sort(),
    );
  });

  it.each(Object.keys(publicRoutes))('treat %s as public, a route a deployed function serves', (routeKey) => {
    expect(deployedRouteKeys).toContain(routeKey);
  });

  it('treat every deployed route on a link path as public (never given the staff reason)', () => {
    const linkRoutes = deployedRouteKeys.filter((routeKey) => linkPathPrefixes.some((prefix) => routeKey.split(' ')[1]?.startsWith(prefix)));
    expect(linkRoutes.length).toBeGreaterThan(0);
    for (const routeKey of linkRoutes) expect(Object.keys(publicRoutes)).toContain(routeKey);
  });
});
