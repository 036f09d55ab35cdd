import { httpHandler, json } from '#runtime/http-handler';
import { openApiDocument } from '#schemas/openapi';

/** Built once as the function loads: the document is the same on every call (schemas/openapi.ts). */
const document = openApiDocument();

/**
 * GET /api/openapi.json: the OpenAPI 3.1 document of the JSON API, generated from the schemas the
 * handlers validate with. Public: it describes the API and holds no data (docs/security.md). It
 * changes only with a deploy, so a cache may keep it for a few minutes.
 */
export const handler = httpHandler(async () => {
  const response = json(200, document);
  return { ...response, headers: { ...response.headers, 'cache-control': 'public, max-age=300' } };
});
