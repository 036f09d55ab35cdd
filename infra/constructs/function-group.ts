import { NestedStack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '#infra/function-registry';

/**
 * CloudFormation allows 500 resources in one template, and each function brings six to ten (its
 * role, policy, log group, two alarms, and for a route its integration, permission and route).
 * So the functions live in nested stacks, one per handler folder (the registry's groups, see
 * docs/architecture.md): each template stays far below the limit, and a new function lands
 * beside the others of its kind. docs/decisions/0012-origin-verification-body-limits-and-nested-stacks.md
 * says why, and test/infra/stack-headroom.test.ts keeps the room.
 */

/** `functions/handlers/<folder>/<name>.ts` → `<folder>`: the group a registry entry belongs to. */
export function functionGroupOf(definition: FunctionDefinition): string {
  const match = /^functions\/handlers\/([a-z0-9-]+)\/[^/]+\.ts$/.exec(definition.entry);
  if (match?.[1] === undefined) {
    throw new Error(`${definition.name}: its entry must be functions/handlers/<folder>/<file>.ts (infra/function-registry.ts), got ${definition.entry}`);
  }
  return match[1];
}

/** `staff-pages` → `StaffPagesFunctions`: the nested stack's construct id. */
export function functionGroupStackId(group: string): string {
  return `${group.replace(/(^|-)([a-z0-9])/g, (_match, _dash: string, letter: string) => letter.toUpperCase())}Functions`;
}

/**
 * The nested stack of one handler folder: its functions, their grants, their alarms (in
 * {@link FunctionGroupStack.alarms}) and, for routes, their API Gateway integrations, permissions
 * and routes. Everything else (the table, the API and its stage, the state machine, CloudFront,
 * sign-in, Notify's secrets and queues, the schedules) stays in the main stack, and CDK passes what
 * a function needs from it as a nested stack parameter (and an ARN the main stack needs back, such
 * as a workflow step's, as an output).
 */
export class FunctionGroupStack extends NestedStack {
  readonly group: string;
  /** Where the alarms on this group's functions go (OperationalAlarms.watchFunction's scope). */
  readonly alarms: Construct;

  constructor(scope: Construct, group: string) {
    super(scope, functionGroupStackId(group), { description: `Curfew safeguarding checks: the ${group} functions` });
    this.group = group;
    this.alarms = new Construct(this, 'Alarms');
  }
}
