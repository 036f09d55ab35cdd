import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';

/**
 * Validates values against the schemas of an OpenAPI 3.1 document with ajv (JSON Schema draft
 * 2020-12, the dialect OpenAPI 3.1 uses). The document's components are registered as one schema,
 * so `#/components/schemas/…` references resolve as they do in the document; strict, so a schema
 * ajv would not understand fails instead of passing everything.
 */
export function openApiValidator(document: Record<string, unknown>) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  // OpenAPI's own keys around the schemas, and the formats zod writes (checked by pattern beside them).
  ajv.addVocabulary(['openapi', 'jsonSchemaDialect', 'info', 'paths', 'components', 'servers', 'security', 'tags']);
  for (const format of ['date', 'date-time', 'email', 'uuid']) ajv.addFormat(format, true);
  const id = 'https://curfew-checks.invalid/openapi.json';
  ajv.addSchema({ ...document, $id: id });

  /** The schema at a JSON pointer into the document (`#/paths/…`), compiled once. */
  function validate(pointer: string, value: unknown): { valid: boolean; errors: ErrorObject[] } {
    const check = ajv.getSchema(`${id}${pointer}`);
    if (check === undefined) throw new Error(`No schema at ${pointer}`);
    const valid = check(value) as boolean;
    return { valid, errors: check.errors ?? [] };
  }

  const escape = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');
  return {
    validate,
    /** The answer `status` of an operation, as its document says. */
    response: (method: string, path: string, status: number, body: unknown) =>
      validate(`#/paths/${escape(path)}/${method.toLowerCase()}/responses/${status}/content/${escape('application/json')}/schema`, body),
    request: (method: string, path: string, body: unknown) => validate(`#/paths/${escape(path)}/${method.toLowerCase()}/requestBody/content/${escape('application/json')}/schema`, body),
  };
}
