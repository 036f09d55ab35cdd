import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { sharedRolePolicies, type RolePolicies } from '../../infra/local/permissions/role-policies.ts';
import type { LocalStackFixture } from './local-stack.ts';

/** The synthesized app's role policies with one action taken from each named function's role. */
export function policiesWithout(removed: Readonly<Record<string, string>>): RolePolicies {
  const policies = sharedRolePolicies();
  const functions = { ...policies.functions };
  for (const [functionName, action] of Object.entries(removed)) {
    const statements = functions[functionName] ?? [];
    if (!statements.some((statement) => statement.actions.includes(action))) throw new Error(`The template does not grant ${functionName} ${action}`);
    functions[functionName] = statements.map((statement) => ({ ...statement, actions: statement.actions.filter((granted) => granted !== action) }));
  }
  return { ...policies, functions };
}

/**
 * The keys of every item in the stack's table, but the sign-in layer's record of an access token's
 * first use (written before any route runs, so a refused route cannot have undone it).
 */
export async function tableKeys(fixture: LocalStackFixture): Promise<string[]> {
  const { Items = [] } = await fixture.table().send(new ScanCommand({ TableName: fixture.stack.tableName, ConsistentRead: true }));
  return Items.map((item) => `${String(item['pk'])} ${String(item['sk'])}`)
    .filter((key) => !key.startsWith('SIGN_IN#'))
    .sort();
}
