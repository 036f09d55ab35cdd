import { Ajv, type ErrorObject } from 'ajv';
import { domainEventJsonSchema, domainEventTypes, type DomainEventType } from '#schemas/domain-events';

/**
 * Validates events against the JSON Schemas registered for them (schemas/domain-events.ts), as a
 * subscriber would. They are draft 4 (what EventBridge's schema registry takes); every keyword
 * they use means the same in ajv's default dialect, so the `$schema` line is set aside and ajv,
 * strict, refuses any keyword it would not understand rather than pass everything.
 */
export function eventSchemaValidator() {
  const ajv = new Ajv({ strict: true, allErrors: true });
  // Checked by the pattern zod writes beside each format.
  for (const format of ['date-time', 'uuid']) ajv.addFormat(format, true);
  const compiled = new Map(
    domainEventTypes.map((type) => {
      const { $schema: _dialect, ...schema } = domainEventJsonSchema(type);
      return [type, ajv.compile(schema)];
    }),
  );
  return (type: string, event: unknown): { valid: boolean; errors: ErrorObject[] } => {
    const check = compiled.get(type as DomainEventType);
    if (check === undefined) return { valid: false, errors: [{ message: `no schema for ${type}` } as ErrorObject] };
    const valid = check(event) as boolean;
    return { valid, errors: check.errors ?? [] };
  };
}
