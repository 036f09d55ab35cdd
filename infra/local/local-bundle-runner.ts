import path from 'node:path';
import { sharedLambdaBundles } from '../build/lambda-bundles.ts';
import { environmentGroupsOf, handlerDefaults, libraryEnvironment } from '../constructs/handler-function.ts';
import type { FunctionDefinition } from '../function-registry.ts';
import { now } from '#runtime/clock';
import { environmentVariableNames } from '#runtime/environment';
import { createBundleRunner, type BundleRunner } from './bundle-runner.ts';
import { currentInvocationObserver } from './lambda-runner.ts';
import { sessionTokenFor } from './permissions/caller-identity.ts';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');

/**
 * The variable names a function gets, as the CDK app decides them: those of its registry entry's
 * environment groups and those the libraries read (HandlerFunction). A deployed template holds
 * those of them the stack has a value for; locally each takes the value the local stack set.
 */
export function variableNamesOf(definition: FunctionDefinition): string[] {
  return [...environmentGroupsOf(definition).flatMap((group) => environmentVariableNames(group)), ...Object.keys(libraryEnvironment)];
}

/** What the Lambda runtime sets in every function besides its own variables (with local values). */
function runtimeVariables(definition: FunctionDefinition): Record<string, string> {
  return {
    AWS_REGION: 'eu-west-2',
    AWS_DEFAULT_REGION: 'eu-west-2',
    AWS_EXECUTION_ENV: `AWS_Lambda_${handlerDefaults.runtime.name}`,
    // AWS_LAMBDA_FUNCTION_NAME is left out: functions/runtime/clock.ts takes it to mean "deployed"
    // and would ignore the test clock (LOCAL_CLOCK_OFFSET_MS), which the runner sets per environment.
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(handlerDefaults.memorySizeMb),
    // The role the function runs as, by name: what a local endpoint that checks permissions reads.
    AWS_ACCESS_KEY_ID: `LOCAL${definition.name.replace(/[^a-z0-9]/gi, '').toUpperCase()}`.slice(0, 128),
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SESSION_TOKEN: sessionTokenFor(definition.name),
  };
}

/**
 * A function's whole environment locally: its own variable names ({@link variableNamesOf}) with the
 * values the local stack set in `environment`, and what the Lambda runtime adds. Nothing else of
 * the local stack's process: a variable another function needs is not there.
 */
export function localEnvironmentOf(definition: FunctionDefinition, environment: NodeJS.ProcessEnv): Record<string, string> {
  const own = variableNamesOf(definition).flatMap((name) => {
    const value = environment[name];
    return value === undefined ? [] : [[name, value] as const];
  });
  return { ...Object.fromEntries(own), ...runtimeVariables(definition) };
}

/** This process's test clock offset, exactly: read within one millisecond tick, so it never jitters. */
function testClockOffset(): number {
  for (;;) {
    const before = Date.now();
    const moved = now().getTime();
    if (Date.now() === before) return moved - before;
  }
}

/**
 * The local stack's runner of the deployed bundles: each function's bundle in its own worker
 * thread, with exactly the variable names its template would give it, valued from `environment`
 * (the local stack's settings), plus what the Lambda runtime adds. See bundle-runner.ts.
 */
export function createLocalBundleRunner(registry: readonly FunctionDefinition[], environment: NodeJS.ProcessEnv): BundleRunner {
  return createBundleRunner(registry, {
    bundles: sharedLambdaBundles(repositoryRoot),
    environmentOf: (definition) => localEnvironmentOf(definition, environment),
    timeoutMs: handlerDefaults.timeout.toMilliseconds(),
    observe: currentInvocationObserver,
    clockOffsetMs: testClockOffset,
    ...(environment.LOCAL_CRASH_POINTS === undefined ? {} : { crashPoints: environment.LOCAL_CRASH_POINTS }),
  });
}
