import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nunjucks from 'nunjucks';
import { nunjucksOptions } from '#pages/nunjucks-options';
import { sourceFingerprint } from './source-fingerprint.ts';

/**
 * The page templates compiled to JavaScript ahead of time (docs/decisions/0018-precompiled-page-templates.md).
 * Every template a page can render, ours and GOV.UK Frontend's, is compiled here into one ES
 * module, functions/pages/precompiled/templates.mjs, which functions/pages/nunjucks-environment.ts
 * imports: a page function then renders without lexing, parsing or compiling anything, and without
 * loading the Nunjucks compiler at all. The module is generated, never committed (.gitignore):
 * the bundle build makes it before bundling, and for the TypeScript sources the test run's global
 * setup and the local stack as it starts make it, so both run the same compiled templates.
 */

/** Where the generated module goes, relative to the repository (its types: templates.d.mts beside it, committed). */
export const precompiledTemplatesModule = 'functions/pages/precompiled/templates.mjs';

/** Our own templates, named by their path under this folder (`staff/proposal.njk`). */
const ownTemplates = 'functions/pages/templates';

/** GOV.UK Frontend's Nunjucks files, named `govuk/...` as our templates import them. */
const govukFrontendDist = 'node_modules/govuk-frontend/dist';

/** The GOV.UK Frontend files the templates use, relative to its `govuk` folder. */
export const govukFrontendTemplateFiles = {
  files: ['template.njk'],
  /** Only the `.njk` files in these folders (and their subfolders): no SCSS, JavaScript or docs. */
  folders: ['components', 'macros'],
} as const;

/** The generator's inputs besides the template files: a change to one compiles again. */
const compilerInputs = ['functions/pages/nunjucks-options.ts', 'infra/build/page-templates.ts'];

function packageVersion(projectRoot: string, name: string): string {
  return (JSON.parse(readFileSync(path.join(projectRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * What the module is made from, as a short fingerprint: our template files, the options and this
 * generator, and the versions of GOV.UK Frontend and Nunjucks (their files are pinned by
 * package-lock.json, so their versions stand for them and need not be read on every check).
 */
export function pageTemplatesFingerprint(projectRoot: string): string {
  return sourceFingerprint(projectRoot, [ownTemplates, ...compilerInputs], [`govuk-frontend@${packageVersion(projectRoot, 'govuk-frontend')}`, `nunjucks@${packageVersion(projectRoot, 'nunjucks')}`]);
}

/** `.njk` files under `folder`, as paths relative to it, in a stable order. */
function templatesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((relative) => relative.endsWith('.njk'))
    .map((relative) => relative.split(path.sep).join('/'))
    .sort();
}

/** Every template a page can render: its name (as templates and renderPage name it) and its file. */
export function pageTemplateFiles(projectRoot: string): { name: string; file: string }[] {
  const own = path.join(projectRoot, ownTemplates);
  const govuk = path.join(projectRoot, govukFrontendDist, 'govuk');
  const templates = [
    ...templatesUnder(own).map((name) => ({ name, file: path.join(own, name) })),
    ...[...govukFrontendTemplateFiles.files, ...govukFrontendTemplateFiles.folders.flatMap((folder) => templatesUnder(path.join(govuk, folder)).map((name) => `${folder}/${name}`))].map((name) => ({
      name: `govuk/${name}`,
      file: path.join(govuk, name),
    })),
  ];
  const names = templates.map((template) => template.name);
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (repeated.length > 0) throw new Error(`Two page templates are named ${repeated.join(', ')}`);
  return templates;
}

/** A template compiled by Nunjucks' own precompiler, with the options pages render with. */
function compile(environment: nunjucks.Environment, name: string, file: string): string {
  return nunjucks.precompileString(readFileSync(file, 'utf8'), {
    name,
    env: environment,
    // The compiled code alone (it ends `return { root: root, … }`), without Nunjucks' global
    // wrapper. Nunjucks passes a list of one (its types say one, hence the flat()).
    wrapper: (templates) => [templates].flat()[0]?.template ?? '',
  });
}

/**
 * The templates a compiled template loads (extends, includes, imports), resolved as the runtime
 * resolves them. Each is named by a literal, which the compiler writes as a JSON string; a name
 * computed as a page renders could not be known here, so it fails the build instead of a page.
 */
export function templatesLoadedBy(name: string, compiled: string): string[] {
  return [...compiled.matchAll(/env\.getTemplate\(([^,]*),/g)].map(([call, argument = '']) => {
    if (!argument.startsWith('"')) throw new Error(`${name} loads a template by a computed name (${call}): name it literally, so it is compiled at build time`);
    const loaded = JSON.parse(argument) as string;
    return loaded.startsWith('./') || loaded.startsWith('../') ? path.posix.join(path.posix.dirname(name), loaded) : loaded;
  });
}

/**
 * The module's text: every template of ours (renderPage may name any of them) and every GOV.UK
 * Frontend template they load, directly or through another, compiled, as the object Nunjucks'
 * runtime loads (`{ root, b_<block>… }`), keyed by name.
 */
export function precompiledTemplatesSource(projectRoot: string, fingerprint = pageTemplatesFingerprint(projectRoot)): string {
  const environment = new nunjucks.Environment([], nunjucksOptions);
  const files = new Map(pageTemplateFiles(projectRoot).map(({ name, file }) => [name, file]));
  const compiled = new Map<string, string>();
  const wanted = [...files.keys()].filter((name) => !name.startsWith('govuk/'));
  for (let name = wanted.shift(); name !== undefined; name = wanted.shift()) {
    if (compiled.has(name)) continue;
    const file = files.get(name);
    if (file === undefined) throw new Error(`A page template loads ${name}, which is not a page template`);
    const code = compile(environment, name, file);
    compiled.set(name, code);
    wanted.push(...templatesLoadedBy(name, code));
  }
  // Each template behind a function the runtime calls on its first use, so loading the module only
  // skims the code of templates a container never renders.
  const entries = [...compiled].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, code]) => `${JSON.stringify(name)}: () => {\n${code}\n},`);
  return [
    '/* eslint-disable */',
    `// Generated by infra/build/page-templates.ts from the page templates; do not edit. Fingerprint: ${fingerprint}`,
    `export const fingerprint = ${JSON.stringify(fingerprint)};`,
    'export const templates = {',
    ...entries,
    '};',
    '',
  ].join('\n');
}

/** The fingerprint the module on disk was made from, if there is one. */
function fingerprintOnDisk(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  return /Fingerprint: ([0-9a-f]+)/.exec(readFileSync(file, 'utf8').slice(0, 300))?.[1];
}

/**
 * Makes functions/pages/precompiled/templates.mjs if it is missing or was made from other
 * templates; otherwise only reads the template files to fingerprint them. Two processes that
 * make it at once each write a whole file and rename it into place, so neither reads half a file.
 * Returns the module's path.
 */
export function writePrecompiledTemplates(projectRoot: string): string {
  const file = path.join(projectRoot, precompiledTemplatesModule);
  const fingerprint = pageTemplatesFingerprint(projectRoot);
  if (fingerprintOnDisk(file) === fingerprint) return file;
  const source = precompiledTemplatesSource(projectRoot, fingerprint);
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.${randomUUID()}.partial`;
  try {
    writeFileSync(partial, source);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  return file;
}
