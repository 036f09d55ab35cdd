import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingHttpHeaders } from 'node:http';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';

/**
 * Which function made a call to a local AWS endpoint, so the endpoint can check that function's
 * role, as AWS checks the role whose credentials signed the request. Two ways, one per runner:
 *
 * - A function running its bundle in a worker of its own (local-bundle-runner.ts) signs with
 *   credentials of its own, as in Lambda: its session token names its role ({@link sessionTokenFor}).
 * - The in-process runner (lambda-runner.ts) runs every handler in one process, sharing one SDK
 *   client per service, so one set of credentials: it runs each invocation in
 *   {@link runAsFunction}, and a middleware on the shared clients ({@link attributeCallsToInvocations})
 *   names the function in a header on each request made during it.
 *
 * A request with neither (the local stack's own set-up, a test reading the table) is nobody's
 * function and is not checked: on AWS it would be an operator's.
 */

const sessionTokenPrefix = 'local-role-';

/** The header the in-process runner's requests name their function in. */
export const localFunctionHeader = 'x-local-lambda-function';

export function sessionTokenFor(functionName: string): string {
  return `${sessionTokenPrefix}${functionName}`;
}

const invocations = new AsyncLocalStorage<string>();

/** Runs `work` (one invocation) as `functionName`: the AWS calls it makes are attributed to it. */
export function runAsFunction<T>(functionName: string, work: () => T): T {
  return invocations.run(functionName, work);
}

/** The function whose invocation is running here, if any. */
export function currentFunction(): string | undefined {
  return invocations.getStore();
}

/** The function that signed or named a request to a local endpoint, if any. */
export function callerOf(headers: IncomingHttpHeaders): string | undefined {
  const sessionToken = headers['x-amz-security-token'];
  if (typeof sessionToken === 'string' && sessionToken.startsWith(sessionTokenPrefix)) return sessionToken.slice(sessionTokenPrefix.length);
  const named = headers[localFunctionHeader];
  return typeof named === 'string' && named !== '' ? named : undefined;
}

/** Makes each request a shared client sends during {@link runAsFunction} name that function. */
export function attributeCallsToInvocations(client: DynamoDBClient | SFNClient | EventBridgeClient): void {
  const middlewareStack = client.middlewareStack as DynamoDBClient['middlewareStack'];
  middlewareStack.add(
    (next) => async (args) => {
      const functionName = currentFunction();
      const request = args.request as { headers?: Record<string, string> };
      if (functionName !== undefined && request.headers !== undefined) request.headers[localFunctionHeader] = functionName;
      return next(args);
    },
    { step: 'build', name: 'localCallerIdentity', override: true },
  );
}
