import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import type { CfnResource as CdkCfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CurfewChecksStack } from '#infra/curfew-checks-stack';
import { templateWithNestedStacks } from '#infra/build/nested-templates';
import { addCurfewChecksStacks } from '#infra/stacks';
import type { CurfewChecksStacksConfig } from '#infra/stacks';

/**
 * The set-up the infrastructure tests share, written once: the main stack as infra/app.ts builds
 * it (cdk.json's context, the test account and URL) but without bundling, for the tests that read
 * the template and never the function bundles, and the usual look-ups into its synthesized template.
 */

export const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
export const testAccount = '123456789012';
export const testPublicBaseUrl = 'https://curfew-checks.test.example.gov.uk';

/** The same feature flags and defaults as `cdk synth` (cdk.json's context). */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(repositoryRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  return cdkJson.context;
}

/**
 * An app for the infrastructure tests: cdk.json's context (or the one given), bundling skipped
 * unless asked for, and aws-cdk-lib's built-in CloudFormation validation off. That validation
 * (resource schemas and rules, run in WebAssembly at every synth) costs several seconds of CPU a
 * synth, and these tests synthesize the same stacks many times to read their templates; it runs
 * once, on the app built exactly as infra/app.ts builds it, in test/infra/nag.test.ts, and on
 * every `cdk synth` and deploy.
 */
export function testApp(options: { context?: Record<string, unknown>; bundle?: boolean } = {}): App {
  const context = { ...(options.context ?? cdkJsonContext()), ...(options.bundle === true ? {} : { 'aws:cdk:bundling-stacks': [] }) };
  return new App({ context, builtinCloudFormationValidation: false });
}

/** The optional settings a test may give the main stack. */
export type MainStackOptions = Pick<CurfewChecksStacksConfig, 'alarmEmail' | 'notifyTemplates'>;

/** The main stack as infra/app.ts builds it, without bundling (nothing that uses it reads the bundles). */
export function buildMainStack(options: MainStackOptions = {}): CurfewChecksStack {
  return addCurfewChecksStacks(testApp(), {
    stackName: 'CurfewChecks',
    region: 'eu-west-2',
    account: testAccount,
    publicBaseUrl: testPublicBaseUrl,
    ...(options.alarmEmail === undefined ? {} : { alarmEmail: options.alarmEmail }),
    ...(options.notifyTemplates === undefined ? {} : { notifyTemplates: options.notifyTemplates }),
  }).main;
}

/** A resource in a synthesized template. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
  readonly DeletionPolicy?: string;
}

export interface SynthesizedStack {
  readonly template: Template;
  /** The template's resources by logical id. */
  readonly resources: Record<string, CfnResource>;
  /** The resources of one CloudFormation type, as `[logicalId, resource]`. */
  readonly resourcesOfType: (type: string) => [string, CfnResource][];
  /** The logical id of a construct's CloudFormation resource (its default child). */
  readonly logicalIdOf: (construct: { node: { defaultChild?: unknown } }) => string;
}

/** Synthesizes a stack, with look-ups into its template and those of the stacks nested in it. */
export function synthesized(stack: Stack): SynthesizedStack {
  const template = Template.fromJSON(templateWithNestedStacks(stack));
  const resources = (template.toJSON() as { Resources: Record<string, CfnResource> }).Resources;
  return {
    template,
    resources,
    resourcesOfType: (type) => Object.entries(resources).filter(([, resource]) => resource.Type === type),
    logicalIdOf: (construct) => stack.resolve((construct.node.defaultChild as CdkCfnResource).logicalId) as string,
  };
}
