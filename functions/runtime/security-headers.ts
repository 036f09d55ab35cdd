/**
 * Headers on every response. The API answers JSON only, so its policy allows nothing to load;
 * pages add their own policy with a per-request nonce. `no-store` because nearly every response
 * carries personal data, and `noindex` because nothing here belongs in a search engine.
 */
export const securityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex, nofollow',
};
