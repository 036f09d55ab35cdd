/** The error codes this endpoint answers with; the AWS SDK turns each into an exception of that name. */
export type ServiceErrorCode =
  | 'TaskTimedOut'
  | 'InvalidToken'
  | 'TaskDoesNotExist'
  | 'InvalidOutput'
  | 'ExecutionDoesNotExist'
  | 'ExecutionAlreadyExists'
  | 'InvalidArn'
  | 'InvalidName'
  | 'InvalidExecutionInput'
  | 'StateMachineDoesNotExist'
  | 'ValidationException'
  | 'AccessDeniedException'
  | 'UnknownOperationException'
  | 'SerializationException';

/**
 * A client error in AWS's shape: the server writes it as HTTP 400 `{"__type": code, "message"}`,
 * which is what makes `error.name` come out as `code` in @aws-sdk/client-sfn.
 */
export class StepFunctionsServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}
