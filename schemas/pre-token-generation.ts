import * as z from 'zod';

/**
 * The part of Cognito's pre token generation event (version 2) that our trigger reads: the
 * user's attributes, all strings (`custom:courts` among them). Loose, because Cognito expects the
 * whole event back with its `response` filled in, so nothing else may be dropped on the way.
 */
export const preTokenGenerationEventSchema = z.looseObject({
  triggerSource: z.string().startsWith('TokenGeneration_'),
  request: z.looseObject({
    userAttributes: z.record(z.string(), z.string()),
  }),
});

export type PreTokenGenerationEvent = z.infer<typeof preTokenGenerationEventSchema>;
