import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { App, type CfnResource } from 'aws-cdk-lib';
import { templateWithNestedStacks, type TemplateJson } from '../../build/nested-templates.ts';
import { deployedFunctions } from '../../function-registry.ts';
import { addCurfewChecksStacks, placeholderAccount } from '../../stacks.ts';
import { localFunctionArn } from '../lambda-runner.ts';
import type { LocalPolicyStatement } from './policy-evaluation.ts';
import { placeholders, type RolePolicies } from './role-policies.ts';

/**
 * Run by role-policies.ts in a child process: synthesizes the CDK app as `cdk synth` does (without
 * bundling, which changes no policy) and writes each deployed function's role policy, and the
 * state machine's, with every resource resolved to the local stack's ARN, to the file named by
 * its argument. A reference this cannot resolve becomes `unresolved:…`, which matches no request:
 * it can only refuse, never allow too much.
 */

const projectRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const region = 'eu-west-2';
const context = (JSON.parse(readFileSync(path.join(projectRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;
// aws-cdk-lib's built-in CloudFormation validation is off: it changes no policy, and it costs several
// seconds at every start after a change of infra (it runs on every `cdk synth` and in test/infra/nag.test.ts).
const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
// The local stack's account, so ARNs the CDK app writes out in full are already local ones.
const stack = addCurfewChecksStacks(app, { stackName: 'CurfewChecks', region, account: placeholderAccount, publicBaseUrl: 'http://127.0.0.1' }).main;
const template: TemplateJson = templateWithNestedStacks(stack);
const resources = template.Resources;
const logicalIdOf = (construct: { node: { defaultChild?: unknown } }): string => stack.resolve((construct.node.defaultChild as CfnResource).logicalId) as string;

const functionNameByLogicalId = new Map(deployedFunctions.map((definition) => [logicalIdOf(stack.handlerNamed(definition.name).function), definition.name]));
const deployedStateMachineName = stack.stateMachineName;
const tableArn = `arn:aws:dynamodb:${region}:${placeholderAccount}:table/${placeholders.table}`;

const pseudoParameters: Readonly<Record<string, string>> = { 'AWS::AccountId': placeholderAccount, 'AWS::Partition': 'aws', 'AWS::Region': region, 'AWS::URLSuffix': 'amazonaws.com' };

/** A resource's `Ref` or `Fn::GetAtt` value, locally. */
function attribute(logicalId: string, name: string): string {
  const type = resources[logicalId]?.Type;
  if (type === 'AWS::DynamoDB::Table') return name === 'StreamArn' ? `${tableArn}/stream/*` : tableArn;
  if (type === 'AWS::Lambda::Function' && functionNameByLogicalId.has(logicalId)) return localFunctionArn(functionNameByLogicalId.get(logicalId) ?? '');
  if (type === 'AWS::Events::EventBus') return name === 'Arn' ? `arn:aws:events:${region}:${placeholderAccount}:event-bus/${placeholders.eventBus}` : placeholders.eventBus;
  if (type === 'AWS::StepFunctions::StateMachine') return name === 'Name' ? placeholders.stateMachine : `arn:aws:states:${region}:${placeholderAccount}:stateMachine:${placeholders.stateMachine}`;
  return `unresolved:${logicalId}.${name}`;
}

/** The deployed state machine's name, wherever the template writes it out, as the local one's. */
const localNames = (text: string): string =>
  text.replaceAll(`:stateMachine:${deployedStateMachineName}`, `:stateMachine:${placeholders.stateMachine}`).replaceAll(`:execution:${deployedStateMachineName}:`, `:execution:${placeholders.stateMachine}:`);

function resolve(value: unknown): string | string[] {
  if (typeof value === 'string') return localNames(value);
  if (Array.isArray(value)) return value.flatMap((item) => resolve(item));
  const node = (value ?? {}) as Record<string, unknown>;
  if (typeof node['Ref'] === 'string') return pseudoParameters[node['Ref']] ?? attribute(node['Ref'], 'Ref');
  if (Array.isArray(node['Fn::GetAtt'])) {
    const [logicalId, name] = node['Fn::GetAtt'] as [string, string];
    return attribute(logicalId, name);
  }
  if (Array.isArray(node['Fn::Join'])) {
    const [delimiter, parts] = node['Fn::Join'] as [string, unknown[]];
    return localNames(parts.map((part) => [resolve(part)].flat().join(delimiter)).join(delimiter));
  }
  if (Array.isArray(node['Fn::Split'])) {
    const [delimiter, text] = node['Fn::Split'] as [string, unknown];
    return [resolve(text)].flat().join('').split(delimiter);
  }
  if (Array.isArray(node['Fn::Select'])) {
    const [index, list] = node['Fn::Select'] as [number | string, unknown];
    return [resolve(list)].flat()[Number(index)] ?? `unresolved:${JSON.stringify(value)}`;
  }
  return `unresolved:${JSON.stringify(value)}`;
}

interface TemplateStatement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
}

/** Every statement of the policies attached to a role (AWS::IAM::Policy resources and the role's own). */
function statementsOfRole(roleLogicalId: string): LocalPolicyStatement[] {
  const attached = Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::IAM::Policy' && JSON.stringify(resource.Properties?.['Roles'] ?? []).includes(`"${roleLogicalId}"`))
    .map((resource) => resource.Properties?.['PolicyDocument']);
  const inline = ((resources[roleLogicalId]?.Properties?.['Policies'] ?? []) as { PolicyDocument: unknown }[]).map((policy) => policy.PolicyDocument);
  return [...attached, ...inline].flatMap((document) =>
    ((document as { Statement: TemplateStatement[] }).Statement ?? []).map((statement) => ({
      effect: statement.Effect,
      actions: [statement.Action].flat(),
      resources: [resolve(statement.Resource)].flat(),
    })),
  );
}

const policies: RolePolicies = {
  functions: Object.fromEntries(deployedFunctions.map((definition) => [definition.name, statementsOfRole(logicalIdOf(stack.handlerNamed(definition.name).role))])),
  workflow: statementsOfRole(logicalIdOf(stack.stateMachine.role)),
};
writeFileSync(process.argv[2] ?? '', JSON.stringify(policies, null, 1));
