import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, NestedStack } from 'aws-cdk-lib';
import type { CfnResource as CdkCfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CurfewChecksStack } from '#infra/curfew-checks-stack';
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

/** The optional settings a test may give the main stack. */
export type MainStackOptions = Pick<CurfewChecksStacksConfig, 'alarmEmail' | 'notifyTemplates'>;

/** The main stack as infra/app.ts builds it, without bundling (nothing that uses it reads the bundles). */
export function buildMainStack(options: MainStackOptions = {}): CurfewChecksStack {
  return addCurfewChecksStacks(new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } }), {
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
  const template = Template.fromJSON(withNestedStacks(stack));
  const resources = (template.toJSON() as { Resources: Record<string, CfnResource> }).Resources;
  return {
    template,
    resources,
    resourcesOfType: (type) => Object.entries(resources).filter(([, resource]) => resource.Type === type),
    logicalIdOf: (construct) => stack.resolve((construct.node.defaultChild as CdkCfnResource).logicalId) as string,
  };
}

interface TemplateJson {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: string | string[] }>;
  Parameters?: Record<string, unknown>;
  Outputs?: Record<string, { Value: unknown }>;
  [section: string]: unknown;
}

/** A copy of `value` with each object `replace` answers for replaced (deeply). */
function substitute(value: unknown, replace: (node: Record<string, unknown>) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => substitute(item, replace));
  if (value === null || typeof value !== 'object') return value;
  const node = value as Record<string, unknown>;
  const replaced = replace(node);
  if (replaced !== undefined) return replaced;
  return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, substitute(child, replace)]));
}

/**
 * A stack's template as if its nested stacks' resources were in it: each nested stack's
 * parameters replaced by what the parent passes (`{ Ref: TableXXXX }` rather than a parameter),
 * each of its outputs the parent reads replaced by the value it outputs, and the nested stack
 * resource itself left out. So the infra tests assert what a function is given and granted
 * wherever it lives; test/infra/stack-headroom.test.ts counts each real template on its own.
 */
function withNestedStacks(stack: Stack): TemplateJson {
  const own = Template.fromStack(stack).toJSON() as TemplateJson;
  const nestedStacks = stack.node
    .findAll()
    .filter((construct): construct is NestedStack => NestedStack.isNestedStack(construct) && construct.nestedStackParent === stack);
  for (const nested of nestedStacks) {
    const stackResourceId = stack.resolve((nested.nestedStackResource as CdkCfnResource).logicalId) as string;
    const passed = (own.Resources[stackResourceId]?.Properties?.['Parameters'] ?? {}) as Record<string, unknown>;
    const inner = withNestedStacks(nested);
    const parameterValue = (node: Record<string, unknown>): unknown =>
      typeof node['Ref'] === 'string' && Object.keys(node).length === 1 && node['Ref'] in passed ? passed[node['Ref']] : undefined;
    const innerResources = substitute(inner.Resources, parameterValue) as TemplateJson['Resources'];
    const innerOutputs = substitute(inner.Outputs ?? {}, parameterValue) as Record<string, { Value: unknown }>;
    const outputValue = (node: Record<string, unknown>): unknown => {
      const getAtt = node['Fn::GetAtt'];
      if (!Array.isArray(getAtt) || getAtt[0] !== stackResourceId) return undefined;
      const name = String(getAtt[1]).replace(/^Outputs\./, '');
      const output = innerOutputs[name];
      if (output === undefined) throw new Error(`${stack.stackName} reads output ${name} that ${nested.node.path} does not have`);
      return output.Value;
    };
    delete own.Resources[stackResourceId];
    own.Resources = substitute(own.Resources, outputValue) as TemplateJson['Resources'];
    own.Outputs = substitute(own.Outputs ?? {}, outputValue) as TemplateJson['Outputs'];
    for (const resource of Object.values(own.Resources)) {
      if (resource.DependsOn === undefined) continue;
      const dependsOn = [resource.DependsOn].flat().filter((id) => id !== stackResourceId);
      if (dependsOn.length > 0) resource.DependsOn = dependsOn;
      else delete resource.DependsOn;
    }
    for (const [id, resource] of Object.entries(innerResources)) {
      if (id in own.Resources) throw new Error(`Logical id ${id} is in both ${stack.node.path} and ${nested.node.path}`);
      own.Resources[id] = resource;
    }
  }
  return own;
}
