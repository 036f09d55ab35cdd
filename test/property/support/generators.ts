import fc from 'fast-check';

/**
 * Generators of bad input for every endpoint: any Unicode text, keys that pollute prototypes,
 * very long text, wrong types, impossible dates, markup and template injection, malformed JSON,
 * wrong content types and random headers.
 *
 * Every injection string carries the marker `pbtxss`, so a page that shows one unescaped is found
 * by `unescapedInjection` without mistaking the page's own markup for it.
 */

export const injectionStrings = [
  '<script>pbtxss(1)</script>',
  '"><img src=x onerror=pbtxss(1)>',
  "'><svg onload=pbtxss(1)>",
  '</textarea><script>pbtxss(2)</script>',
  'javascript:pbtxss(1)',
  '{{ 7*7 }}pbtxss',
  '{{ range.constructor("return 1")() }}pbtxss',
  '{% raw %}pbtxss{% endraw %}',
  '{% set x = 7*7 %}{{ x }}pbtxss',
  '${7*7}pbtxss',
  '#{7*7}pbtxss',
  '<%= 7*7 %>pbtxss',
  '<!--pbtxss-->',
  '<a href="javascript:pbtxss(1)">x</a>',
] as const;

/** What an injection string would leave in a page that showed it unescaped (or evaluated it). */
// `49pbtxss` is what a template engine would leave of `{{ 7*7 }}pbtxss` (or `${7*7}pbtxss`) if it evaluated it.
// A raw `<` before the tag, or a raw quote before the attribute, is what would make each one run;
// the escaped text (`&lt;svg onload=pbtxss(1)&gt;`) is harmless and expected.
const unescapedMarkers = [/<script>pbtxss/i, /<img src=x onerror=pbtxss/i, /<svg onload=pbtxss/i, /<!--pbtxss/i, /href="javascript:pbtxss/i, /49pbtxss/, /<%= 7\*7 %>pbtxss/];

/** The first injection marker found raw in an HTML page, if any; escaped forms (`&lt;script&gt;`) are fine. */
export function unescapedInjection(html: string): string | undefined {
  if (!html.includes('pbtxss')) {
    return undefined;
  }
  return unescapedMarkers.find((marker) => marker.test(html))?.source;
}

export const impossibleDates = ['2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '0000-00-00', '0000-01-01', '9999-12-31', '1000-01-01', '2026-1-1', '26-01-01', '2026/01/01', '2026-01-01T00:00:00Z', '+275760-09-13', '-000001-01-01', ' 2026-01-01', '2026-01-01 ', '２０２６-０１-０１'] as const;

export const pollutingKeys = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', 'isAdmin', 'polluted'] as const;

/** Text of every kind: full Unicode (including lone surrogates), graphemes, control characters, injection, dates. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 3, arbitrary: fc.constantFrom(...injectionStrings) },
  { weight: 2, arbitrary: fc.constantFrom(...impossibleDates) },
  { weight: 1, arbitrary: fc.constantFrom(...pollutingKeys) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t\n', '\u0000', '\u202e', '\ufeff', '\ud800', '\udfff', 'null', 'undefined', 'NaN', '-0', '1e999', '%00', '%', '%E0%A4%A', '../../etc/passwd', 'SN1 1AA', 'CONSENT', 'SUITABLE') },
  // Long text within the 64 KiB body limit however it is encoded: up to 60,000 bytes of `a`, less of what encodes longer.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(['a', 1], ['é', 6], ['😀', 12], ['<', 3], ['"', 3], ['\u0000', 6]), fc.integer({ min: 1_000, max: 60_000 })).map(([[unit, bytes], size]) => unit.repeat(Math.floor(size / bytes))) },
);

/** A JSON value written by hand, so that keys such as `__proto__` really are keys in the text. */
export type JsonText = string;

function quote(value: string): string {
  return JSON.stringify(value);
}

/** An object as its JSON text, from entries (duplicates and `__proto__` kept as written). */
export function objectText(entries: readonly (readonly [string, JsonText])[]): JsonText {
  return `{${entries.map(([key, value]) => `${quote(key)}:${value}`).join(',')}}`;
}

const scalarText: fc.Arbitrary<JsonText> = fc.oneof(
  { weight: 4, arbitrary: nastyString.map(quote) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 2 ** 53 + 1, 1e308, 5e-324)).map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.constantFrom('1e999', '-1e999', '-0', '0.0000000000000000000001', '123456789012345678901234567890') },
  { weight: 2, arbitrary: fc.constantFrom('true', 'false', 'null') },
);

/** Any JSON value, with polluting keys likely, nested a few levels. */
export const jsonValueText: fc.Arbitrary<JsonText> = fc.letrec<{ value: JsonText }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: scalarText },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }).map((values) => `[${values.join(',')}]`) },
    { weight: 1, arbitrary: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...pollutingKeys), nastyString), tie('value')), { maxLength: 4 }).map(objectText) },
  ),
})).value;

/** A polluting payload: what an attacker hopes will land on Object.prototype. */
export const pollutionText: fc.Arbitrary<JsonText> = fc.constantFrom(
  objectText([['polluted', '"yes"'], ['isAdmin', 'true'], ['role', '"SENTENCER"']]),
  objectText([['prototype', objectText([['polluted', '"yes"']])]]),
  objectText([['__proto__', objectText([['polluted', '"yes"']])]]),
);

/** Text that is not JSON, or JSON that parsers disagree about. */
export const malformedJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '{', '}', '[', '{"a":}', '{"a":1,}', "{'a':1}", '{a:1}', 'NaN', 'undefined', '{"a":NaN}', '{"a":Infinity}', '{"a":01}', '{"a":"\\x41"}', '{"a":"\\ud800"}', '\ufeff{}', '{} {}', '/* c */{}', '{"a":1}//', 'null', '"string"', '12', 'true', '[]', '[{}]', '{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}'),
  fc.nat({ max: 5_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.nat({ max: 2_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  jsonValueText.map((text) => text.slice(0, Math.max(0, text.length - 1))),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

export const contentTypes = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=utf-16',
  'application/x-www-form-urlencoded',
  'text/plain',
  'text/html',
  'multipart/form-data; boundary=pbt',
  'application/xml',
  'application/octet-stream',
  '*/*',
  'application/jsonx',
  'garbage',
  '',
] as const;

/** Header names and values an HTTP client can send (visible ASCII; Node delivers anything else as Latin-1). */
const headerValue = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 60 }),
  fc.constantFrom(...injectionStrings),
  fc.constantFrom('Bearer', 'Bearer ', 'Basic YTpi', 'Bearer a.b.c', 'null', 'http://evil.example', 'text/html', 'application/json, text/html', 'x'.repeat(2_000)),
);
const headerName = fc.oneof(
  fc.constantFrom('accept', 'origin', 'referer', 'x-forwarded-for', 'x-forwarded-host', 'x-csrf-token', 'idempotency-key', 'user-agent', 'accept-language', 'x-http-method-override', 'x-amzn-trace-id', '__proto__', 'constructor', 'prototype'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
);

/** Random extra headers, as lower-case names (as Node gives them to the server). */
export const randomHeaders: fc.Arbitrary<Record<string, string>> = fc.array(fc.tuple(headerName, headerValue), { maxLength: 4 }).map((pairs) => {
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of pairs) {
    if (!['host', 'content-length', 'transfer-encoding', 'connection', 'expect', 'upgrade', 'keep-alive', 'te', 'trailer'].includes(name)) {
      headers[name] = value.trim();
    }
  }
  return { ...headers };
});

/** A form field value in a urlencoded body: what a person (or a tool) could type. */
export const formValue: fc.Arbitrary<string> = nastyString;

/** An urlencoded body from fields (repeated names kept), or raw text that is not well encoded. */
export function formText(fields: readonly (readonly [string, string])[]): string {
  return fields.map(([name, value]) => `${encodeUtf16Safe(name)}=${encodeUtf16Safe(value)}`).join('&');
}

/** encodeURIComponent, with lone surrogates replaced as a browser's encoder replaces them. */
export function encodeUtf16Safe(value: string): string {
  return encodeURIComponent(value.toWellFormed());
}

/** A path segment: a real value sometimes, else anything, percent-encoded (or deliberately not). */
export function pathSegment(real: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...real) },
    { weight: 1, arbitrary: fc.uuid().map(String) },
    { weight: 4, arbitrary: nastyString.filter((value) => value !== '').map((value) => encodeUtf16Safe(value.slice(0, 300))) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%ED%A0%80', '..', '.', '%2e%2e', 'a%2Fb', '%00', '%20', '~', '*', '$', '@', 'a'.repeat(2_100), '%F0%9F%98%80'.repeat(600)) },
  );
}

/** A query string (without `?`): expected names with bad values, random names, polluting names, repeats. */
export function queryText(names: readonly string[]): fc.Arbitrary<string> {
  const name = fc.oneof({ weight: 3, arbitrary: names.length === 0 ? fc.constant('q') : fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.constantFrom(...pollutingKeys, '__proto__[polluted]', 'constructor[prototype][polluted]', 'a[]') }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) });
  return fc.oneof(
    // At most about 6,000 characters once encoded: CloudFront refuses longer addresses before they reach the API.
    { weight: 6, arbitrary: fc.array(fc.tuple(name, nastyString.map((value) => value.slice(0, 2_000))), { maxLength: 4 }).map((pairs) => formText(pairs).slice(0, 6_000).replace(/%[0-9A-F]?$/, '')) },
    { weight: 1, arbitrary: fc.constantFrom('', '&', '=', '&&==', '%', '%E0%A4%A', 'a=%ZZ', 'a=1&a=2&a=3', '?', '#frag') },
  );
}
