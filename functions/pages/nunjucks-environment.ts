import { existsSync } from 'node:fs';
import path from 'node:path';
import nunjucks from 'nunjucks';
import { registerFilters } from './filters.ts';

/**
 * Where templates live: beside the bundled handler in Lambda (the CDK bundling copies them), or in
 * the repository when run from source (the local stack and tests).
 */
function templateRoots(): string[] {
  const bundled = path.join(import.meta.dirname, 'templates');
  if (existsSync(path.join(bundled, 'layout.njk')) && existsSync(path.join(import.meta.dirname, 'govuk-frontend'))) {
    return [bundled, path.join(import.meta.dirname, 'govuk-frontend')];
  }
  const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');
  return [path.join(repositoryRoot, 'functions', 'pages', 'templates'), path.join(repositoryRoot, 'node_modules', 'govuk-frontend', 'dist')];
}

/**
 * One Nunjucks environment per container: autoescape on (every value is escaped unless a template
 * says otherwise), undefined values render as nothing, templates cached after first use.
 */
export const nunjucksEnvironment = registerFilters(
  new nunjucks.Environment(new nunjucks.FileSystemLoader(templateRoots(), { noCache: false }), { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true }),
);
