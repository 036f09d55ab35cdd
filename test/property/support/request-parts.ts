import fc from 'fast-check';
import { contentTypes, formText, jsonValueText, malformedJson, nastyString, objectText, pollutingKeys, pollutionText, type JsonText } from './generators.ts';

/**
 * Bodies built from a valid one by a few mutations (a field replaced by anything, removed, or a
 * key added, `__proto__` among them), so most of a request is right and the checks behind the
 * first one are reached too; and bodies that are not the right kind at all.
 */

type JsonNode = { kind: 'object'; entries: [string, JsonNode][] } | { kind: 'array'; items: JsonNode[] } | { kind: 'raw'; text: JsonText };

function toNode(value: unknown): JsonNode {
  if (Array.isArray(value)) {
    return { kind: 'array', items: value.map(toNode) };
  }
  if (value !== null && typeof value === 'object') {
    return { kind: 'object', entries: Object.entries(value).map(([key, entry]) => [key, toNode(entry)]) };
  }
  return { kind: 'raw', text: JSON.stringify(value) ?? 'null' };
}

function toText(node: JsonNode): JsonText {
  switch (node.kind) {
    case 'raw':
      return node.text;
    case 'array':
      return `[${node.items.map(toText).join(',')}]`;
    case 'object':
      return objectText(node.entries.map(([key, entry]) => [key, toText(entry)] as const));
  }
}

/** Every place a value sits (to replace or remove) and every object (to add a key to). */
function placesIn(node: JsonNode, slots: { parent: JsonNode; index: number }[] = [], objects: JsonNode[] = []) {
  if (node.kind === 'object') {
    objects.push(node);
    node.entries.forEach(([, child], index) => {
      slots.push({ parent: node, index });
      placesIn(child, slots, objects);
    });
  } else if (node.kind === 'array') {
    node.items.forEach((child, index) => {
      slots.push({ parent: node, index });
      placesIn(child, slots, objects);
    });
  }
  return { slots, objects };
}

const jsonMutation = fc.record({
  kind: fc.constantFrom('replace', 'replace', 'replace', 'delete', 'add', 'proto'),
  at: fc.nat(),
  key: fc.oneof(fc.constantFrom(...pollutingKeys), nastyString),
  value: fc.oneof({ weight: 3, arbitrary: jsonValueText }, { weight: 1, arbitrary: pollutionText }),
});

/** The valid body with one to three mutations, as JSON text written by hand. */
export function mutatedJson(valid: unknown): fc.Arbitrary<string> {
  return fc.array(jsonMutation, { minLength: 1, maxLength: 3 }).map((mutations) => {
    const root = toNode(JSON.parse(JSON.stringify(valid)));
    for (const mutation of mutations) {
      const { slots, objects } = placesIn(root);
      if (mutation.kind === 'add' || mutation.kind === 'proto') {
        const target = objects[mutation.at % Math.max(1, objects.length)];
        if (target?.kind === 'object') {
          target.entries.push(mutation.kind === 'proto' ? ['__proto__', { kind: 'raw', text: mutation.value }] : [mutation.key, { kind: 'raw', text: mutation.value }]);
        }
        continue;
      }
      const slot = slots[mutation.at % Math.max(1, slots.length)];
      if (slot === undefined) {
        continue;
      }
      const { parent, index } = slot;
      if (parent.kind === 'object') {
        if (mutation.kind === 'delete') parent.entries.splice(index, 1);
        else parent.entries[index] = [parent.entries[index]?.[0] ?? '', { kind: 'raw', text: mutation.value }];
      } else if (parent.kind === 'array') {
        if (mutation.kind === 'delete') parent.items.splice(index, 1);
        else parent.items[index] = { kind: 'raw', text: mutation.value };
      }
    }
    return toText(root);
  });
}

const contentType = fc.oneof({ weight: 8, arbitrary: fc.constant<string | undefined>('application/json') }, { weight: 2, arbitrary: fc.constantFrom<string | undefined>(...contentTypes) }, { weight: 1, arbitrary: fc.constant<string | undefined>(undefined) });

/** Bodies stay within the 64 KiB limit (the 413 test sends larger ones); a few long values together could pass it. */
const withinLimit = (part: BodyPart) => Buffer.byteLength(part.body, 'utf8') <= 63 * 1024;

export interface BodyPart {
  body: string;
  headers: Record<string, string>;
}

/** A JSON API body: mostly the valid one mutated, else any JSON, malformed JSON or a polluting object; usually labelled JSON. */
export function jsonBody(valid: unknown): fc.Arbitrary<BodyPart> {
  const body = fc.oneof({ weight: 6, arbitrary: mutatedJson(valid) }, { weight: 1, arbitrary: jsonValueText }, { weight: 2, arbitrary: malformedJson }, { weight: 1, arbitrary: pollutionText });
  return fc.tuple(body, contentType).map(([text, type]): BodyPart => ({ body: text, headers: type === undefined ? {} : { 'content-type': type } })).filter(withinLimit);
}

const formName = fc.oneof(fc.constantFrom(...pollutingKeys, '__proto__[polluted]', 'constructor[prototype][polluted]', '_csrf', 'lang', 'length', '0'), fc.string({ maxLength: 12 }));

const formMutation = fc.record({
  kind: fc.constantFrom('replace', 'replace', 'replace', 'delete', 'add', 'repeat'),
  at: fc.nat(),
  name: formName,
  value: nastyString,
});

/**
 * A form post: the valid fields mutated, or text that is not a form; usually labelled as a form.
 * `kept` fields (the CSRF token) go first and are mutated apart, in one post in ten, so most posts
 * get past the CSRF check to the form's own checks.
 */
export function formBody(valid: readonly (readonly [string, string])[], kept: readonly (readonly [string, string])[] = []): fc.Arbitrary<BodyPart> {
  const keptFields = fc.oneof(
    { weight: 9, arbitrary: fc.constant(kept.map(([name, value]) => [name, value] as [string, string])) },
    { weight: 1, arbitrary: fc.constantFrom<[string, string][]>([], ...kept.map(([name]) => [[name, 'wrong']] as [string, string][]), ...kept.map(([name, value]) => [[name, value], [name, 'second']] as [string, string][])) },
  );
  const mutated = fc.tuple(keptFields, fc.array(formMutation, { minLength: 1, maxLength: 3 })).map(([first, mutations]) => {
    const fields = valid.map(([name, value]) => [name, value] as [string, string]);
    for (const mutation of mutations) {
      const index = mutation.at % Math.max(1, fields.length);
      const field = fields[index];
      if (mutation.kind === 'add' || field === undefined) fields.push([mutation.name, mutation.value]);
      else if (mutation.kind === 'delete') fields.splice(index, 1);
      else if (mutation.kind === 'repeat') fields.push([field[0], mutation.value]);
      else fields[index] = [field[0], mutation.value];
    }
    return formText([...first, ...fields]);
  });
  const body = fc.oneof(
    { weight: 8, arbitrary: mutated },
    { weight: 1, arbitrary: fc.constantFrom('', '%', '%E0%A4%A', 'a=%ZZ&b=%', '&&==&', '=x', '__proto__=x&__proto__=y', 'constructor=x&constructor=y', 'toString=1&hasOwnProperty=2&valueOf=3') },
    { weight: 1, arbitrary: fc.oneof(jsonValueText, malformedJson) },
  );
  // Mostly labelled as a form: the CSRF token is read only from a form, so a wrong label stops at 403.
  const type = fc.oneof({ weight: 12, arbitrary: fc.constant<string | undefined>('application/x-www-form-urlencoded') }, { weight: 1, arbitrary: fc.constantFrom<string | undefined>(...contentTypes) }, { weight: 1, arbitrary: fc.constant<string | undefined>(undefined) });
  return fc.tuple(body, type).map(([text, contentTypeValue]): BodyPart => ({ body: text, headers: contentTypeValue === undefined ? {} : { 'content-type': contentTypeValue } })).filter(withinLimit);
}
