import * as z from 'zod';

/**
 * One record of the table's stream as the functions it feeds read it: what happened and the item's
 * keys (the stream's view type deployed is keys only; each function loads what it needs).
 */
export const streamRecordSchema = z.object({
  eventName: z.string().optional(),
  dynamodb: z.object({ Keys: z.record(z.string(), z.object({ S: z.string() })).optional() }).optional(),
});
