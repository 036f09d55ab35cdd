import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';

/**
 * Creates the error a callback task fails with when its own timeout fires.
 *
 * It must be the library's own (unexported) StatesTimeoutError, not just any Error named
 * "States.Timeout": aws-local-stepfunctions matches `States.Timeout` by name, but it keeps
 * `States.TaskFailed` from matching a timeout (as AWS does) with `instanceof StatesTimeoutError`.
 * So once per process we let the library time out a 1 ms task and keep that error's class.
 */
export async function statesTimeoutErrorFactory(): Promise<() => Error> {
  const definition: StateMachineDefinition = {
    StartAt: 'TimesOut',
    States: { TimesOut: { Type: 'Task', Resource: 'arn:aws:lambda:eu-west-2:000000000000:function:never', TimeoutSeconds: 0.001, End: true } },
  };
  const machine = new StateMachine(definition, { validationOptions: { noValidate: true } });
  const never = new Promise<null>(() => {});
  const run = machine.run(null, { overrides: { taskResourceLocalHandlers: { TimesOut: () => never } } });
  const failure = await run.result.then(
    () => null,
    (error: unknown) => error,
  );
  const timeout = failure instanceof ExecutionError ? failure.cause : null;
  if (!(timeout instanceof Error) || timeout.name !== 'States.Timeout') {
    throw new Error('aws-local-stepfunctions no longer fails a timed-out task with States.Timeout: review the local Step Functions adapter');
  }
  const TimeoutError = timeout.constructor as new () => Error;
  return () => new TimeoutError();
}
