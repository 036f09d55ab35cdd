import { NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionGroupOf } from '#infra/constructs/function-group';
import { mainStackFunctions, type CurfewChecksStack } from '#infra/curfew-checks-stack';
import { deployedFunctions } from '#infra/function-registry';
import { addCurfewChecksStacks } from '#infra/stacks';
import { testAccount, testApp, testPublicBaseUrl } from './support/stack-template.ts';

/**
 * CloudFormation refuses a template with more than 500 resources, and every deploy of that stack
 * with it. Each function brings six to ten, so the functions live in nested stacks, one per
 * handler folder (infra/constructs/function-group.ts). Here every template the app deploys,
 * nested ones included, must keep room for at least 150 more: about fifteen more functions in any
 * one place before anyone has to think about this again.
 */

/** CloudFormation's quota: resources declared in one template. */
const resourcesPerTemplate = 500;
const requiredHeadroom = 150;

let main: CurfewChecksStack;
let stacks: Stack[];

beforeAll(() => {
  const app = testApp();
  const built = addCurfewChecksStacks(app, { stackName: 'CurfewChecks', region: 'eu-west-2', account: testAccount, publicBaseUrl: testPublicBaseUrl });
  main = built.main;
  // Every stack in the app, however deep: the two top-level ones and every nested stack.
  stacks = app.node.findAll().filter((construct): construct is Stack => Stack.isStack(construct));
  expect(stacks).toContain(built.edge);
}, 180_000);

const resourceCount = (stack: Stack): number => Object.keys((Template.fromStack(stack).toJSON() as { Resources: object }).Resources).length;

describe('every CloudFormation template of the app', () => {
  it('are the main stack, the edge stack and a nested stack per handler folder', () => {
    const nested = stacks.filter((stack) => NestedStack.isNestedStack(stack));
    const folders = new Set(deployedFunctions.filter((definition) => !mainStackFunctions.has(definition.name)).map(functionGroupOf));
    expect(nested.length).toBe(folders.size);
    expect(folders.size).toBeGreaterThan(1);
    expect(stacks).toHaveLength(nested.length + 2);
  });

  it(`has room for at least ${requiredHeadroom} more resources under CloudFormation's ${resourcesPerTemplate}`, () => {
    const counts = Object.fromEntries(stacks.map((stack) => [stack.node.path, resourceCount(stack)]));
    const tooFull = Object.entries(counts).filter(([, count]) => count > resourcesPerTemplate - requiredHeadroom);
    expect(tooFull, JSON.stringify(counts)).toEqual([]);
    // Counted for real: the main stack still holds the table, the API, CloudFront and the rest.
    expect(counts[main.node.path]).toBeGreaterThan(20);
  });

  it('puts each function in its folder\'s nested stack, except those the main stack must keep, and every function somewhere', () => {
    for (const handler of main.handlers) {
      const { name } = handler.definition;
      const group = main.groupOfHandler(handler);
      if (mainStackFunctions.has(name)) {
        expect(Stack.of(handler), name).toBe(main);
      } else {
        expect(group?.group, name).toBe(functionGroupOf(handler.definition));
      }
    }
    expect(main.handlers.map((handler) => handler.definition.name).sort()).toEqual(deployedFunctions.map((definition) => definition.name).sort());
  });

  it('keep a function\'s alarms and routes beside it, so the main stack does not grow with each function', () => {
    for (const handler of main.handlers) {
      const group = main.groupOfHandler(handler);
      if (group === undefined) continue;
      const { name } = handler.definition;
      for (const alarm of [`${name}-Errors`, `${name}-Throttles`]) expect(group.alarms.node.tryFindChild(alarm), alarm).toBeDefined();
      const routes = (handler.definition.routes ?? []).map((route) => `${route.method}${route.path}`);
      for (const route of routes) expect(group.node.tryFindChild(route), `${name} ${route}`).toBeDefined();
    }
  });
});
