import { LOCAL_ACCOUNT } from '../step-functions/arns.ts';

/**
 * IAM's decision for one request, as AWS makes it for an identity-based policy: an explicit Deny
 * wins, otherwise some Allow must match both the action and the resource, otherwise the request
 * is refused (implicit deny). Actions match case-insensitively and resources case-sensitively,
 * both with `*` and `?` wildcards (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 * Conditions are not evaluated: the project's grants have none on the services checked locally.
 */

/** One statement of a role's policy, its resources as local ARNs. */
export interface LocalPolicyStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** Compiled once per pattern: every DynamoDB and workflow call of every function is checked here. */
const compiled = new Map<string, RegExp>();

function wildcardPattern(pattern: string, flags: string): RegExp {
  const key = `${flags}:${pattern}`;
  let expression = compiled.get(key);
  if (expression === undefined) {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    expression = new RegExp(`^${source}$`, flags);
    compiled.set(key, expression);
  }
  return expression;
}

const matchesAny = (patterns: readonly string[], value: string, flags: string): boolean =>
  patterns.some((pattern) => wildcardPattern(pattern, flags).test(value));

function applies(statement: LocalPolicyStatement, action: string, resource: string): boolean {
  return matchesAny(statement.actions, action, 'i') && matchesAny(statement.resources, resource, '');
}

export function isAllowed(statements: readonly LocalPolicyStatement[], action: string, resource: string): boolean {
  if (statements.some((statement) => statement.effect === 'Deny' && applies(statement, action, resource))) return false;
  return statements.some((statement) => statement.effect === 'Allow' && applies(statement, action, resource));
}

/** AWS's wording for a refusal (the role session named after the function, as Lambda names it). */
export function accessDeniedMessage(functionName: string, action: string, resource: string): string {
  return (
    `User: arn:aws:sts::${LOCAL_ACCOUNT}:assumed-role/${functionName}-role/${functionName} is not authorized to perform: ` +
    `${action} on resource: ${resource} because no identity-based policy allows the ${action} action`
  );
}
