import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { functionRegistry } from '../../../infra/function-registry.ts';
import { answerSchemaFor, linkTokenBodySchema } from '#schemas/answers';
import { alternativeAddressInputSchema, proposalInputSchema, residentContactSchema } from '#schemas/proposal';
import { adjournmentSchema, consentWithdrawalSchema, countersignSchema, decisionSchema, hearingOutcomeSchema, officerConsentSchema, resendLinkSchema, restrictedReasonSchema, withdrawSchema } from '#schemas/staff-actions';
import { jsonSchemaOf, openApiDocument } from '#schemas/openapi';
import { openApiValidator } from '../../support/openapi-validator.ts';

/**
 * The OpenAPI document against what it describes: the registry's routes, and the very schemas the
 * use cases validate with (imported here by name, from where the use cases import them). What real
 * requests and answers look like is held to the served document in test/integration/journeys.test.ts.
 */

type Json = Record<string, unknown>;
const document = openApiDocument() as { openapi: string; paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };
const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })));

const inputOf = (schema: z.ZodType) => jsonSchemaOf(schema, 'input');
/** What each use case validates its body with; the `$schema` key aside, exactly zod's output. */
const requestSchemas: Record<string, Json> = {
  'POST /api/proposals': inputOf(proposalInputSchema),
  'POST /api/proposals/{proposalId}/restricted': inputOf(restrictedReasonSchema),
  'POST /api/proposals/{proposalId}/decision': inputOf(decisionSchema),
  'POST /api/proposals/{proposalId}/countersign': inputOf(countersignSchema),
  'POST /api/proposals/{proposalId}/withdraw': inputOf(withdrawSchema),
  'POST /api/proposals/{proposalId}/residents/{residentId}/consent': inputOf(officerConsentSchema),
  'POST /api/proposals/{proposalId}/checks/{checkId}/resend': inputOf(resendLinkSchema),
  'POST /api/proposals/{proposalId}/residents/{residentId}/contact': inputOf(residentContactSchema),
  'POST /api/proposals/{proposalId}/adjournment': inputOf(adjournmentSchema),
  'POST /api/proposals/{proposalId}/outcome': inputOf(hearingOutcomeSchema),
  'POST /api/proposals/{proposalId}/alternative-address': inputOf(alternativeAddressInputSchema),
  'POST /api/proposals/{proposalId}/consent-withdrawals': inputOf(consentWithdrawalSchema),
};

function resolve(pointer: string): unknown {
  expect(pointer.startsWith('#/')).toBe(true);
  return pointer
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as Json)[part] : undefined), document);
}

function refsIn(node: unknown): string[] {
  if (node === null || typeof node !== 'object') return [];
  const own = typeof (node as Json).$ref === 'string' ? [(node as Json).$ref as string] : [];
  return [...own, ...Object.values(node).flatMap(refsIn)];
}

/** The schema an operation's JSON body refers to. */
const bodySchemaOf = (operation: Json): unknown => resolve((((operation.requestBody as Json).content as Record<string, Json>)['application/json']?.schema as Json).$ref as string);

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1.0, and the same on every call', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(JSON.stringify(openApiDocument())).toBe(JSON.stringify(document));
  });

  it("describes every /api/ route of the registry, the local stack's own aside, and nothing else", () => {
    const registered = functionRegistry
      .filter((definition) => definition.localOnly !== true)
      .flatMap((definition) => (definition.routes ?? []).filter((route) => route.path.startsWith('/api/')).map((route) => `${route.method} ${route.path}`));
    expect(registered).not.toContain('GET /api/dev/outbox');
    expect(operations.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(registered.sort());
  });

  it('declares every path parameter of each path, and no other', () => {
    for (const { path, operation } of operations) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const declared = ((operation.parameters as Json[] | undefined) ?? []).filter((parameter) => parameter.in === 'path');
      expect(declared.map((parameter) => parameter.name).sort(), path).toEqual(inPath.sort());
      expect(declared.every((parameter) => parameter.required === true)).toBe(true);
    }
  });

  it("gives each operation's body exactly the schema its use case validates with", () => {
    const withBodies = operations.filter(({ operation }) => operation.requestBody !== undefined).map(({ method, path }) => `${method} ${path}`);
    expect(withBodies.sort()).toEqual([...Object.keys(requestSchemas), 'POST /api/responses'].sort());
    for (const [route, schema] of Object.entries(requestSchemas)) {
      const operation = operations.find(({ method, path }) => `${method} ${path}` === route)?.operation ?? {};
      expect(bodySchemaOf(operation), route).toEqual(schema);
    }
  });

  it("gives an answer through a link each check's own answer schema, with the link token beside it", () => {
    const operation = operations.find(({ path }) => path === '/api/responses')?.operation ?? {};
    const anyOf = ((((operation.requestBody as Json).content as Record<string, Json>)['application/json']?.schema as Json).anyOf as Json[]).map((entry) => resolve(entry.$ref as string) as Json);
    const token = (inputOf(linkTokenBodySchema).properties as Json).token;
    expect(anyOf).toHaveLength(3);
    for (const [index, type] of (['DOMESTIC_ABUSE', 'CHILD_SAFEGUARDING', 'RESIDENT_CONSENT'] as const).entries()) {
      const { token: sentToken, ...answerProperties } = anyOf[index]?.properties as Json;
      expect(sentToken).toEqual(token);
      const expected = inputOf(answerSchemaFor(type));
      expect({ ...anyOf[index], properties: answerProperties, required: (anyOf[index]?.required as string[]).filter((name) => name !== 'token') }).toEqual(expected);
    }
  });

  it('resolves every $ref, and names each operation once', () => {
    const refs = refsIn(document);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(resolve(ref), ref).toBeDefined();
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('says who may call each operation, and answers every refusal with the error body', () => {
    for (const { path, operation } of operations) {
      expect(String(operation.description), path).toMatch(/Who: /);
      for (const [status, response] of Object.entries(operation.responses as Record<string, Json>)) {
        if (Number(status) >= 400) expect(((response.content as Record<string, Json>)['application/json']?.schema as Json).$ref, `${path} ${status}`).toMatch(/Error$/);
      }
    }
    // Refused bodies as the API writes them (functions/runtime/errors.ts).
    const validator = openApiValidator(document);
    expect(validator.response('POST', '/api/proposals', 400, { error: 'VALIDATION_FAILED', message: 'The request is not valid', fields: [{ path: 'courtCode', message: 'Enter the court code' }] }).valid).toBe(true);
    expect(validator.response('POST', '/api/proposals/{proposalId}/decision', 409, { error: 'CHECKS_INCOMPLETE', message: 'Every check must be answered', outstanding: ['a'] }).valid).toBe(true);
    expect(validator.response('POST', '/api/proposals', 400, { error: 'VALIDATION_FAILED', message: 'x' }).valid).toBe(false);
  });

  it('compiles in ajv (JSON Schema 2020-12, strict) and checks a request as the API would', () => {
    const validator = openApiValidator(document);
    for (const name of Object.keys(document.components.schemas)) expect(() => validator.validate(`#/components/schemas/${name}`, {}), name).not.toThrow();
    expect(validator.request('POST', '/api/proposals/{proposalId}/decision', { outcome: 'SUITABLE', rationale: 'All clear', riskOfSeriousHarm: 'HIGH' }).valid).toBe(true);
    expect(validator.request('POST', '/api/proposals/{proposalId}/decision', { outcome: 'MAYBE', rationale: 'All clear' }).valid).toBe(false);
    // The README's example body, which people copy first.
    const example = JSON.parse(readFileSync(new URL('../../../docs/examples/proposal.json', import.meta.url), 'utf8')) as unknown;
    expect(validator.request('POST', '/api/proposals', example).errors).toEqual([]);
  });
});
