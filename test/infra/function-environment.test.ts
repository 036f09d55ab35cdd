import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { environmentGroupsOf, libraryEnvironment } from '#infra/constructs/handler-function';
import type { CurfewChecksStack } from '#infra/curfew-checks-stack';
import { deployedFunctions, type FunctionDefinition } from '#infra/function-registry';
import { environmentVariableNames, type EnvironmentGroup, type SecretBackedVariable } from '#runtime/environment';
import { startFakeSecretsManager, type FakeSecretsManager } from '../support/fake-secrets-manager.ts';
import { lambdaRuntimeVariables, plausibleValue } from './support/plausible-values.ts';
import { buildMainStack, repositoryRoot, synthesized, type SynthesizedStack } from './support/stack-template.ts';
import { secretsNamedByTemplate, templateVariablesOf } from './support/template-reading.ts';

/**
 * One environment per function, declared once (the registry's `environment`, over the groups of
 * functions/runtime/environment.ts) and checked here rather than by a deploy: every deployed
 * handler is loaded with exactly the variables the synthesized template gives it, plus what the
 * Lambda runtime adds, as a cold start would load it. A module that reads a group its function is
 * not given throws at load, naming the variables, and fails its test.
 */

/** What an operator puts in each secret: plausible values in the shapes the settings check. */
const secretValues: Readonly<Record<SecretBackedVariable, string>> = {
  NOTIFY_API_KEY: 'curfew_checks-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0',
  NOTIFY_CALLBACK_BEARER_TOKEN: 'a-generated-callback-token-of-48-characters-abcd',
  ORIGIN_VERIFY_TOKEN: 'a-generated-origin-verify-header-value-of-64-characters-abcdefgh',
};

let stack: CurfewChecksStack;
let template: SynthesizedStack;
let secretsManager: FakeSecretsManager;

/** The variables the template gives a function, as the template writes them (references unresolved). */
const templateVariables = (definition: FunctionDefinition): Record<string, unknown> => templateVariablesOf(template, stack, definition.name);

/** Everything the deployed function's process would have, with references resolved to plausible values. */
function deployedVariables(definition: FunctionDefinition): Record<string, string> {
  const own = Object.entries(templateVariables(definition)).map(([name, value]) => [name, plausibleValue(value, template.resources)]);
  return {
    ...lambdaRuntimeVariables(`CurfewChecks-${definition.name}`),
    ...Object.fromEntries(own),
    // Not the function's: points the SDK's Secrets Manager client at the fake (read by the SDK, not by our code).
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
  };
}

interface Loaded {
  handler: unknown;
  /** The groups read while the module loaded. */
  groupsRead: EnvironmentGroup[];
  /** Each of the function's groups that does not parse from its variables once loaded (secrets fetched), with why. */
  unreadable: string[];
}

/**
 * Loads a handler module afresh with exactly `variables` as its environment, as a Lambda cold
 * start would, and puts the test process's environment back afterwards.
 */
async function loadWith(definition: FunctionDefinition, variables: Record<string, string>): Promise<Loaded> {
  const testEnvironment = process.env;
  process.env = { ...variables };
  vi.resetModules();
  try {
    const environment = await import('#runtime/environment');
    const module = (await import(path.join(repositoryRoot, definition.entry))) as { handler?: unknown };
    const groupsRead = environment.environmentGroupsRead();
    const unreadable = environmentGroupsOf(definition).flatMap((group) => {
      try {
        environment.readEnvironment(group);
        return [];
      } catch (error) {
        return [`${group}: ${error instanceof Error ? error.message : String(error)}`];
      }
    });
    return { handler: module.handler, groupsRead, unreadable };
  } finally {
    process.env = testEnvironment;
  }
}

function definitionNamed(name: string): FunctionDefinition {
  const definition = deployedFunctions.find((candidate) => candidate.name === name);
  if (definition === undefined) throw new Error(`No deployed function named ${name}`);
  return definition;
}

beforeAll(async () => {
  stack = buildMainStack();
  template = synthesized(stack);
  // Each secret the template names, holding what an operator would have put there.
  const secrets = secretsNamedByTemplate(template, stack, (variable) => secretValues[variable]);
  secretsManager = await startFakeSecretsManager(secrets);
}, 120_000);

afterAll(async () => {
  vi.resetModules();
  await secretsManager?.close();
});

describe('every deployed function, loaded with exactly the environment the template gives it', () => {
  it.each(deployedFunctions.map((definition) => [definition.name, definition] as const))(
    '%s loads, reading at load exactly the environment groups its registry entry names, each of which it can read',
    async (_name, definition) => {
      const loaded = await loadWith(definition, deployedVariables(definition));
      const given = environmentGroupsOf(definition);
      // STATE_MACHINE_ARN is read on first use; the synth ties the workflow group to the access that uses it.
      const readOnFirstUse: readonly EnvironmentGroup[] = ['workflow'];

      expect(typeof loaded.handler).toBe('function');
      expect(loaded.groupsRead.filter((group) => !given.includes(group))).toEqual([]);
      expect((definition.environment ?? []).filter((group) => !readOnFirstUse.includes(group) && !loaded.groupsRead.includes(group))).toEqual([]);
      expect(loaded.unreadable).toEqual([]);
    },
  );

  it.each(deployedFunctions.map((definition) => [definition.name, definition] as const))(
    '%s gets only the variables of its environment groups and those the libraries read',
    (_name, definition) => {
      const allowed = [...environmentGroupsOf(definition).flatMap((group) => environmentVariableNames(group)), ...Object.keys(libraryEnvironment)];
      expect(Object.keys(templateVariables(definition)).filter((name) => !allowed.includes(name))).toEqual([]);
    },
  );
});

describe('a function whose environment is wrong', () => {
  it.each([
    ['create-proposal', ['OIDC_ISSUER'], /^Missing required environment variable OIDC_ISSUER$/],
    ['sign-in', ['OIDC_CLIENT_ID', 'SESSION_COOKIE_SECURE'], /Missing required environment variable OIDC_CLIENT_ID; Missing required environment variable SESSION_COOKIE_SECURE/],
    ['open-link', ['SESSION_COOKIE_SECURE'], /^Missing required environment variable SESSION_COOKIE_SECURE$/],
    ['plan-checks', ['TABLE_NAME'], /^Missing required environment variable TABLE_NAME$/],
    ['plan-checks', ['PUBLIC_BASE_URL'], /^Missing required environment variable PUBLIC_BASE_URL$/],
    ['deliver-messages', ['NOTIFY_API_KEY_SECRET_ARN'], /^Missing required environment variable NOTIFY_API_KEY$/],
    ['notify-callback', ['NOTIFY_CALLBACK_TOKEN_SECRET_ARN'], /^Missing required environment variable NOTIFY_CALLBACK_BEARER_TOKEN$/],
  ])('%s without %j fails at load, naming what is missing', async (name, missing, message) => {
    const definition = definitionNamed(name);
    const variables = Object.fromEntries(Object.entries(deployedVariables(definition)).filter(([variable]) => !missing.includes(variable)));

    await expect(loadWith(definition, variables)).rejects.toThrow(message);
  });

  it('fails at load on a value it cannot use, naming the variable and not echoing the value', async () => {
    const definition = definitionNamed('get-link-request');
    const variables = { ...deployedVariables(definition), SESSION_COOKIE_SECURE: 'yes' };

    await expect(loadWith(definition, variables)).rejects.toThrow(/^SESSION_COOKIE_SECURE must be true or false$/);
  });
});
