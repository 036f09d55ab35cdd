/**
 * How every page template is read and rendered: autoescape on (every value is escaped unless a
 * template says otherwise), undefined values render as nothing, and a block tag takes its own
 * line's indentation and newline with it. The templates are compiled at build time with these
 * options (infra/build/page-templates.ts: trimBlocks, lstripBlocks and throwOnUndefined shape the
 * compiled code) and rendered with them (autoescape is read as a page renders), so both read them
 * from here.
 */
export const nunjucksOptions = { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true } as const;
