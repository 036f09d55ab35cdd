import path from 'node:path';
import type nunjucks from 'nunjucks';
import slim from 'nunjucks/browser/nunjucks-slim.js';
import { registerFilters } from './filters.ts';
import { nunjucksOptions } from './nunjucks-options.ts';

/*
 * The page templates, ours and GOV.UK Frontend's, compiled to JavaScript at build time
 * (infra/build/page-templates.ts, docs/decisions/0018-precompiled-page-templates.md): a page
 * function renders with Nunjucks' runtime alone, and neither reads, lexes, parses nor compiles a
 * template, nor loads the compiler. The bundle carries the compiled module. Run from this
 * TypeScript source, the module is the one the local stack (as it starts) and the test run's
 * global setup bring up to date with the template files (a fingerprint check, a compile only after
 * a change), so an edited template shows at the next run and both run the same compiled templates.
 */
import { templates } from './precompiled/templates.mjs';

/**
 * Serves the compiled templates by name. A template's relative import (GOV.UK Frontend's
 * `./template.njk`, `../../macros/attributes.njk`) is resolved against the importing template's
 * name, as a path: the runtime build has no `path` module of its own to do it.
 */
const precompiledLoader = {
  getSource(name: string) {
    // Called once per template: the environment keeps the template it makes.
    const compiled = Object.hasOwn(templates, name) ? templates[name] : undefined;
    return compiled === undefined ? null : { src: { type: 'code', obj: compiled() }, path: name, noCache: false };
  },
  isRelative(name: string): boolean {
    return name.startsWith('./') || name.startsWith('../');
  },
  resolve(from: string, to: string): string {
    return path.posix.join(path.posix.dirname(from), to);
  },
};

/**
 * One Nunjucks environment per container, with the options the templates were compiled with and
 * our filters (registered here, at runtime: compiled templates look each filter up by name as they
 * render). Templates are cached after first use.
 */
export const nunjucksEnvironment = registerFilters(
  // The loader's source is compiled code, not template text as Nunjucks' types assume.
  new slim.Environment(precompiledLoader as unknown as nunjucks.ILoader, nunjucksOptions),
);
