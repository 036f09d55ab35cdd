import { NestedStack, type CfnResource, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

export interface TemplateJson {
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
 * resource itself left out. So the infra tests assert (and the local stack enforces, see
 * infra/local/permissions) what a function is given and granted
 * wherever it lives; test/infra/stack-headroom.test.ts counts each real template on its own.
 */
export function templateWithNestedStacks(stack: Stack): TemplateJson {
  const own = Template.fromStack(stack).toJSON() as TemplateJson;
  const nestedStacks = stack.node
    .findAll()
    .filter((construct): construct is NestedStack => NestedStack.isNestedStack(construct) && construct.nestedStackParent === stack);
  for (const nested of nestedStacks) {
    const stackResourceId = stack.resolve((nested.nestedStackResource as CfnResource).logicalId) as string;
    const passed = (own.Resources[stackResourceId]?.Properties?.['Parameters'] ?? {}) as Record<string, unknown>;
    const inner = templateWithNestedStacks(nested);
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
