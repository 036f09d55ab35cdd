/**
 * The types of templates.mjs beside this file, which infra/build/page-templates.ts generates from
 * the page templates (it is not committed: the bundle build makes it, and so does
 * functions/pages/nunjucks-environment.ts when run from source). Each template is what Nunjucks'
 * precompiler makes of it: its root render function and one function per block.
 */
export type CompiledTemplate = Readonly<Record<string, (...args: never[]) => unknown>>;

/** The fingerprint of the template files and options the module was made from. */
export const fingerprint: string;

/**
 * Every page template, compiled, by the name templates and renderPage give it (`staff/proposal.njk`,
 * `govuk/template.njk`): a function that makes it, called on first use.
 */
export const templates: Readonly<Record<string, () => CompiledTemplate>>;
