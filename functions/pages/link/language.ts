/** The languages a resident's pages are written in. Agency pages are English only. */
export const languages = ['en', 'cy'] as const;
export type Language = (typeof languages)[number];

/**
 * The language to show: the one asked for in `?lang=` (or the form's hidden `lang` field) when it is
 * one we have, otherwise the resident's own choice from the proposal, otherwise English.
 */
export function chooseLanguage(requested: unknown, fallback: Language = 'en'): Language {
  const candidate = Array.isArray(requested) ? (requested[0] as unknown) : requested;
  return candidate === 'cy' || candidate === 'en' ? candidate : fallback;
}
