import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layout's rules (docs/architecture.md), checked so they cannot silently decay: the lint rule
 * refuses an import that crosses a boundary, no module imports itself round a loop, and only the
 * store talks DynamoDB.
 */
const repositoryRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: repositoryRoot });

async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(repositoryRoot, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(repositoryRoot, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(repositoryRoot, path.join(entry.parentPath, entry.name)));
}

const productionFiles = [...sourceFiles('functions'), ...sourceFiles('schemas')];

describe('the import boundaries lint rule', () => {
  it.each([
    ['runtime reaching up into the store', 'functions/runtime/new-kit.ts', "import { keys } from '#store/items';\nexport const k = keys;\n", /runtime may import only schemas/],
    ['the store reaching up into a use case', 'functions/store/new-items.ts', "import { createProposal } from '#proposals/create-proposal';\nexport const c = createProposal;\n", /store may import only runtime, domain, schemas/],
    ['a use case reaching up into a page', 'functions/proposals/new-case.ts', "import { renderPage } from '#pages/render';\nexport const r = renderPage;\n", /proposals may import only/],
    ['a handler importing another handler', 'functions/handlers/api/new-route.ts', "import { handler } from '#handlers/api/get-proposal';\nexport const h = handler;\n", /handlers may import only/],
    ['production code importing the local stack', 'functions/auth/new-auth.ts', "import { demoStaff } from '#infra/local/demo-staff';\nexport const d = demoStaff;\n", /never imports the CDK app, the local stack or demo data/],
    ['a relative import that would slip past the aliases', 'functions/links/new-link.ts', "import { keys } from '../store/items.ts';\nexport const k = keys;\n", /Import across folders by alias/],
  ])('refuses %s', async (_case, file, source, expected) => {
    const errors = await boundaryErrors(file, source);

    expect(errors).toEqual([expect.stringMatching(expected)]);
  });

  it.each([
    ['a handler calling a use case and the runtime kit', 'functions/handlers/api/new-route.ts', "import { httpHandler } from '#runtime/http-handler';\nimport { viewProposal } from '#proposals/view-proposal';\nexport const h = [httpHandler, viewProposal];\n"],
    ['a use case composing store items', 'functions/proposals/new-case.ts', "import { writeAtomically } from '#store/transactions';\nexport const w = writeAtomically;\n"],
    ['the local stack using demo data and the store', 'infra/local/new-local.ts', "import { demoStaff } from './demo-staff.ts';\nimport { keys } from '#store/items';\nexport const d = [demoStaff, keys];\n"],
  ])('allows %s', async (_case, file, source) => {
    expect(await boundaryErrors(file, source)).toEqual([]);
  });
});

/** Every import of ours in a file, resolved to a repository path (aliases from package.json). */
const aliases = Object.entries(JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')).imports as Record<string, string>);
function importsOf(file: string): string[] {
  const source = readFileSync(path.join(repositoryRoot, file), 'utf8');
  const specifiers = [...source.matchAll(/^(?:import|export)[^'"]*?from\s+'([^']+)'/gm)].map((match) => match[1] ?? '');
  return specifiers.flatMap((specifier) => {
    if (specifier.startsWith('.')) return [path.normalize(path.join(path.dirname(file), specifier.endsWith('.ts') ? specifier : `${specifier}.ts`))];
    const alias = aliases.find(([pattern]) => specifier.startsWith(pattern.slice(0, -1)));
    return alias === undefined ? [] : [path.normalize(alias[1].replace('*', specifier.slice(alias[0].length - 1)))];
  });
}

describe('the import graph of functions/ and schemas/', () => {
  it('has no cycle', () => {
    const graph = new Map(productionFiles.map((file) => [file, importsOf(file).filter((target) => target.endsWith('.ts'))]));
    const cycles: string[][] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(file)), file]);
        return;
      }
      state.set(file, 'visiting');
      for (const target of graph.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);

    expect(cycles).toEqual([]);
  });
});

describe('DynamoDB', () => {
  it('is spoken to only by the store: no other production file writes an expression, names the table or imports a DynamoDB command', () => {
    const talksDynamoDb = /UpdateExpression|ConditionExpression|KeyConditionExpression|FilterExpression|ProjectionExpression|TableName|@aws-sdk\/(lib-dynamodb|client-dynamodb)/;
    // The one exception: the runtime kit builds the shared client (and nothing else there sends a command).
    const clients = path.join('functions', 'runtime', 'aws-clients.ts');
    const outsideTheStore = productionFiles.filter((file) => !file.startsWith(path.join('functions', 'store') + path.sep) && file !== clients);

    expect(outsideTheStore.filter((file) => talksDynamoDb.test(readFileSync(path.join(repositoryRoot, file), 'utf8')))).toEqual([]);
  });
});
