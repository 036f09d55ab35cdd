import { preTokenGenerationResponse } from '#auth/access-token-claims';
import { workflowHandler } from '#runtime/workflow-handler';
import { preTokenGenerationEventSchema } from '#schemas/pre-token-generation';

/**
 * Cognito's pre token generation trigger (event version 2), called as it issues tokens: puts the
 * user's courts into the access token, which otherwise carries no user attributes, so the staff
 * API knows a bearer caller's courts. The local OpenID Connect provider calls this same handler.
 * Built like a workflow step: the event is checked against a schema, a value is always returned,
 * and an error propagates, so Cognito refuses to issue tokens rather than issue them without courts.
 */
export const handler = workflowHandler(preTokenGenerationEventSchema, async (event) => ({
  ...event,
  response: preTokenGenerationResponse(event.request.userAttributes),
}));
