import type { CurfewChecksStack } from '#infra/curfew-checks-stack';
import { deployedFunctions } from '#infra/function-registry';
import { secretBackedVariables, type SecretBackedVariable } from '#runtime/environment';
import { plausibleValue } from './plausible-values.ts';
import type { SynthesizedStack } from './stack-template.ts';

/** Helpers the infra tests share for reading a synthesized template. */

export interface PolicyStatement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

export const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** A CloudFormation value as readable text: `<Logical.Attr>` for GetAtt, `<Name>` for Ref (`<AWS::AccountId>`…). */
export function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    const node = value as Record<string, unknown>;
    if (Array.isArray(node['Fn::Join'])) {
      const [delimiter, items] = node['Fn::Join'] as [string, unknown[]];
      return items.map(flatten).join(delimiter);
    }
    if (Array.isArray(node['Fn::GetAtt'])) return `<${(node['Fn::GetAtt'] as string[]).join('.')}>`;
    if ('Ref' in node) return `<${String(node['Ref'])}>`;
  }
  return JSON.stringify(value);
}

/** The variables the template gives a registry function, as the template writes them (references unresolved). */
export function templateVariablesOf(template: SynthesizedStack, stack: CurfewChecksStack, functionName: string): Record<string, unknown> {
  const logicalId = template.logicalIdOf(stack.handlerNamed(functionName).function);
  const environment = template.resources[logicalId]?.Properties['Environment'] as { Variables: Record<string, unknown> } | undefined;
  return environment?.Variables ?? {};
}

/** Each secret the template names (by its plausible ARN), holding what an operator would have put there. */
export function secretsNamedByTemplate(template: SynthesizedStack, stack: CurfewChecksStack, valueOf: (variable: SecretBackedVariable) => string): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const definition of deployedFunctions) {
    const variables = templateVariablesOf(template, stack, definition.name);
    for (const [variable, arnVariable] of Object.entries(secretBackedVariables) as [SecretBackedVariable, string][]) {
      if (variables[arnVariable] !== undefined) secrets[plausibleValue(variables[arnVariable], template.resources)] = valueOf(variable);
    }
  }
  return secrets;
}
