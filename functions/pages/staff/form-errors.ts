import type { FieldError } from '#schemas/field-error';

/** One message for GOV.UK's error summary: the text and the id of the field it links to. */
export interface ErrorSummaryItem {
  text: string;
  href: string;
}

/** A form's errors as pages need them: the summary list, and each field's first message by field id. */
export interface FormErrors {
  summary: ErrorSummaryItem[];
  /** Field id → inline message (`{ text }`, as GOV.UK's errorMessage option takes it). */
  fields: Record<string, { text: string }>;
}

export const noErrors: FormErrors = { summary: [], fields: {} };

/**
 * Turns field errors (dotted schema paths) into what a page shows. `placeOf` says, for a path,
 * which field shows the message inline (`slot`) and which element the summary links to (`anchor`);
 * the same message is shown once.
 */
export function formErrors(errors: readonly FieldError[], placeOf: (path: string) => { slot: string; anchor: string }): FormErrors {
  const summary: ErrorSummaryItem[] = [];
  const fields: Record<string, { text: string }> = {};
  for (const error of errors) {
    const { slot, anchor } = placeOf(error.path);
    if (!summary.some((item) => item.text === error.message && item.href === `#${anchor}`)) {
      summary.push({ text: error.message, href: `#${anchor}` });
    }
    const existing = fields[slot];
    if (existing === undefined) {
      fields[slot] = { text: error.message };
    } else if (!existing.text.includes(error.message)) {
      fields[slot] = { text: `${existing.text} ${error.message}` };
    }
  }
  return { summary, fields };
}

/** For small forms whose fields are named after the schema's top-level keys, with a prefix for the page. */
export function prefixedPlaces(prefix: string, anchors: Record<string, string> = {}) {
  return (path: string) => {
    const key = path.split('.')[0] ?? '';
    const slot = `${prefix}${key}`;
    return { slot, anchor: anchors[key] ?? slot };
  };
}

/** A message that is not about one field (a refusal by the rules), linked to the form it came from. */
export function formMessage(text: string, anchor: string): FormErrors {
  return { summary: [{ text, href: `#${anchor}` }], fields: {} };
}
