import * as z from 'zod';
import { apiOperations, type ApiOperation, type ErrorStatus, type NamedSchema } from './api-contract';
import { errorBodySchema, validationErrorBodySchema } from './api-responses';

/**
 * The OpenAPI 3.1 document of the JSON API, built from its contract (api-contract.ts) with zod's own
 * JSON Schema output (draft 2020-12, the dialect of OpenAPI 3.1): requests as their schemas accept
 * them (`io: 'input'`), answers as the handlers give them (`io: 'output'`). Each named schema is
 * written once under `components/schemas` and referenced. Pure and deterministic: the same
 * document on every call, so the API builds it once as it loads.
 *
 * What JSON Schema cannot say, zod's refinements (a real calendar date, a directory's codes, rules
 * across fields), is not in the document: the API still answers 400 with the field at fault.
 */

type JsonSchema = Record<string, unknown>;

/**
 * The API's own version, not the package's: it changes when the contract does (a new operation or
 * field: minor; a removed or renamed one, or a tighter rule: major), so other systems can tell.
 */
export const apiVersion = '1.0.0';

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** zod's JSON Schema of one schema, without `$schema`: a component is part of the document, whose dialect is 2020-12. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io }) as JsonSchema;
  return rest;
}

/**
 * An answer sent through POST /api/responses: the answer's own fields and the link token beside
 * them (the handler takes the token out, then validates the rest with the answer's schema).
 */
export function withLinkToken(answer: JsonSchema, token: JsonSchema): JsonSchema {
  const tokenProperties = token.properties as Record<string, unknown>;
  return {
    ...answer,
    properties: { token: tokenProperties.token, ...(answer.properties as Record<string, unknown>) },
    required: ['token', ...((answer.required as string[] | undefined) ?? [])],
  };
}

const errorDescriptions: Record<ErrorStatus, string> = {
  400: 'The request is not valid: every field at fault is named; nothing was changed',
  401: 'Not signed in, or the access token is not valid',
  403: 'Signed in, but this role may not do this (or a session without its CSRF token)',
  404: 'No such resource, or one of a court the caller does not work at (the same answer)',
  409: 'Refused in the state the proposal or check is in; nothing was changed',
  410: 'The link was used, has expired or was withdrawn (the same body as 404)',
  413: 'The request body is larger than 64 KiB',
  429: 'Too many requests from this client: wait a minute (Retry-After)',
};

const errorResponse = (status: ErrorStatus): JsonSchema => ({
  description: errorDescriptions[status],
  content: { 'application/json': { schema: ref(status === 400 ? 'ValidationError' : 'Error') } },
});

function callerText(operation: ApiOperation): string {
  switch (operation.caller.kind) {
    case 'staff':
      return `Who: ${operation.caller.roles.join(', ')}, with a bearer access token or a signed-in session (a POST with a session also sends its CSRF token as \`x-csrf-token\`).`;
    case 'link':
      return "Who: the holder of a link, with the link's token in the body; no account.";
    case 'public':
      return 'Who: anyone; no sign-in.';
  }
}

function security(operation: ApiOperation): JsonSchema[] {
  return operation.caller.kind === 'staff' ? [{ bearerAccessToken: [] }, { sessionCookie: [] }] : [];
}

function pathParametersOf(operation: ApiOperation): JsonSchema[] {
  return Object.entries(operation.pathParameters ?? {}).map(([name, parameter]) => ({
    name,
    in: 'path',
    required: true,
    description: parameter.description,
    schema: parameter.schema === undefined ? { type: 'string' } : jsonSchemaOf(parameter.schema, 'input'),
  }));
}

function requestBodyOf(operation: ApiOperation, components: Map<string, JsonSchema>): JsonSchema | undefined {
  const body = operation.requestBody;
  if (body === undefined) return undefined;
  if (body.kind === 'schema') {
    components.set(body.named.name, jsonSchemaOf(body.named.schema, 'input'));
    return { required: body.required, content: { 'application/json': { schema: ref(body.named.name) } } };
  }
  const token = jsonSchemaOf(body.token.schema, 'input');
  for (const answer of body.answers) {
    components.set(answer.name, withLinkToken(jsonSchemaOf(answer.schema, 'input'), token));
  }
  return { required: true, content: { 'application/json': { schema: { anyOf: body.answers.map((answer) => ref(answer.name)) } } } };
}

function responseOf(named: NamedSchema, components: Map<string, JsonSchema>): JsonSchema {
  components.set(named.name, jsonSchemaOf(named.schema, 'output'));
  return ref(named.name);
}

/** One operation: who may call, its parameters, its body and every answer it can give. */
function operationObject(operation: ApiOperation, components: Map<string, JsonSchema>): JsonSchema {
  const parameters = [
    ...pathParametersOf(operation),
    ...Object.entries(operation.headers ?? {}).map(([name, header]) => ({ name, in: 'header', required: false, description: header.description, schema: { type: 'string', pattern: header.pattern } })),
  ];
  const requestBody = requestBodyOf(operation, components);
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    description: `${operation.description}\n\n${callerText(operation)}`,
    security: security(operation),
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(requestBody === undefined ? {} : { requestBody }),
    responses: {
      [String(operation.success.status)]: { description: operation.success.description, content: { 'application/json': { schema: responseOf(operation.success.named, components) } } },
      ...Object.fromEntries(operation.errors.map((status) => [String(status), errorResponse(status)])),
    },
  };
}

const description = [
  'The JSON API of the curfew safeguarding checks service, for other systems.',
  'Generated from the same zod schemas the handlers validate with (schemas/api-contract.ts), so it cannot drift from them; served at /api/openapi.json.',
  'Staff calls carry an access token from the service\'s identity provider (`Authorization: Bearer …`), or a browser\'s session cookie with its CSRF token.',
  'Every refusal is JSON with `error` and `message`; a 400 also names the fields at fault. Rules JSON Schema cannot express (real dates, directory codes, rules across fields) are checked by the API and answered as 400.',
  'The local stack\'s own /api/dev/* routes (its outbox) are not part of the API and are not described here.',
].join('\n\n');

/** Builds the document; the same on every call. */
export function openApiDocument(operations: readonly ApiOperation[] = apiOperations): JsonSchema {
  const components = new Map<string, JsonSchema>([
    ['Error', jsonSchemaOf(errorBodySchema, 'output')],
    ['ValidationError', jsonSchemaOf(validationErrorBodySchema, 'output')],
  ]);
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const operation of operations) {
    (paths[operation.path] ??= {})[operation.method.toLowerCase()] = operationObject(operation, components);
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: { title: 'Curfew safeguarding checks API', version: apiVersion, description },
    paths,
    components: {
      schemas: Object.fromEntries([...components.entries()].sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        bearerAccessToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: "An access token from the service's identity provider (Cognito), for this API" },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: '__Host-session', description: 'The session cookie a browser gets at sign-in (`session` on the local stack); a POST also sends the CSRF token from GET /auth/session as `x-csrf-token`' },
      },
    },
  };
}
