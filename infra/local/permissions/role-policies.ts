import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sourceFingerprint } from '../../build/source-fingerprint.ts';
import { isAllowed, type LocalPolicyStatement } from './policy-evaluation.ts';

/**
 * Each deployed function's IAM policy, as the synthesized CDK app grants it, with its resources as
 * the local stack's ARNs: what the local endpoints check each call against (docs/decisions/0015).
 * Read from the template rather than from the registry, so a grant the CDK code gets wrong is
 * caught too. Synthesizing takes seconds, so it is done once per change of the infrastructure code,
 * in a child process (the CDK library stays out of the stack's process), and kept by fingerprint.
 */

/** Written where the table's and the state machine's names go; filled in per local stack. */
export const placeholders = { table: '{table}', stateMachine: '{stateMachine}', eventBus: '{eventBus}' } as const;

export interface RolePolicies {
  /** By registry function name: every deployed function, including those granted nothing. */
  readonly functions: Readonly<Record<string, readonly LocalPolicyStatement[]>>;
  /** The state machine's own role (it invokes the workflow's functions). */
  readonly workflow: readonly LocalPolicyStatement[];
}

/** Fills in one local stack's names. */
export function forLocalStack(policies: RolePolicies, names: { tableName: string; stateMachineName: string; eventBusName: string }): RolePolicies {
  const fill = (statements: readonly LocalPolicyStatement[]): LocalPolicyStatement[] =>
    statements.map((statement) => ({
      ...statement,
      resources: statement.resources.map((resource) =>
        resource.replaceAll(placeholders.table, names.tableName).replaceAll(placeholders.stateMachine, names.stateMachineName).replaceAll(placeholders.eventBus, names.eventBusName),
      ),
    }));
  return {
    functions: Object.fromEntries(Object.entries(policies.functions).map(([name, statements]) => [name, fill(statements)])),
    workflow: fill(policies.workflow),
  };
}

/** A refusal, as the endpoint reports it to the caller. */
export interface Refusal {
  readonly functionName: string;
  readonly action: string;
  readonly resource: string;
}

/**
 * Decides a call: a function the template deploys is held to its policy; a call that names no
 * function (the stack's set-up, a test) and a local-only function (never deployed, no role) are
 * not checked. Answers the refusal, or undefined when the call is allowed.
 */
export function createPermissionCheck(policies: RolePolicies, options: { localOnlyFunctions: readonly string[] }) {
  return function refusalOf(functionName: string | undefined, action: string, resource: string): Refusal | undefined {
    if (functionName === undefined || options.localOnlyFunctions.includes(functionName)) return undefined;
    return isAllowed(policies.functions[functionName] ?? [], action, resource) ? undefined : { functionName, action, resource };
  };
}

const reported = new Set<string>();

/** Writes a refusal to stderr (once per function, action and resource), so a failing test names the missing grant. */
export function reportRefusal({ functionName, action, resource }: Refusal): void {
  const key = `${functionName} ${action} ${resource}`;
  if (reported.has(key)) return;
  reported.add(key);
  process.stderr.write(`Local IAM: AccessDenied: ${functionName} may not ${action} on ${resource} (its role in the synthesized template does not allow it)\n`);
}

export type PermissionCheck = ReturnType<typeof createPermissionCheck>;

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/** What the synthesized policies depend on: the CDK app, its registry and settings, the workflow, the CDK version. */
const infrastructureSources = ['infra', 'cdk.json', 'workflows', 'package-lock.json'];

const synthesizer = path.join(import.meta.dirname, 'synthesize-role-policies.ts');

export const rolePoliciesCacheFolder = path.join(os.tmpdir(), 'curfew-checks-role-policies');

/** Where the policies of the app as it is now are kept, and whether they are there yet. */
function cachedPoliciesFile(projectRoot: string): { file: string; made: boolean } {
  const key = sourceFingerprint(projectRoot, infrastructureSources, [readFileSync(synthesizer, 'utf8')], ['infra/local/']);
  const file = path.join(rolePoliciesCacheFolder, `${key}.json`);
  return { file, made: existsSync(file) };
}

function synthesizeArguments(file: string): { writing: string; args: string[] } {
  mkdirSync(rolePoliciesCacheFolder, { recursive: true });
  const writing = `${file}.${process.pid}.${Date.now()}`;
  return { writing, args: ['--import', 'tsx', synthesizer, writing] };
}

/**
 * The role policies of the CDK app as it is now: synthesized by the first process that asks after
 * a change (infra/local/permissions/synthesize-role-policies.ts), read from the cache by every
 * later one. Two processes that synthesize at once both write, and either's file is kept.
 */
export function sharedRolePolicies(projectRoot: string = repositoryRoot): RolePolicies {
  const { file, made } = cachedPoliciesFile(projectRoot);
  if (!made) {
    const { writing, args } = synthesizeArguments(file);
    execFileSync(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
    renameSync(writing, file);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as RolePolicies;
}

/**
 * As {@link sharedRolePolicies}, without waiting: the synthesis runs in its child process while
 * this one does other work (the test run's set-up builds the Lambda bundles meanwhile).
 */
export async function makeSharedRolePolicies(projectRoot: string = repositoryRoot): Promise<void> {
  const { file, made } = cachedPoliciesFile(projectRoot);
  if (made) return;
  const { writing, args } = synthesizeArguments(file);
  await promisify(execFile)(process.execPath, args, { cwd: projectRoot, timeout: 180_000 });
  renameSync(writing, file);
}
