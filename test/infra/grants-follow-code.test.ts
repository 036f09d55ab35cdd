import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import type { CfnResource as CdkCfnResource } from 'aws-cdk-lib';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CurfewChecksStack } from '#infra/curfew-checks-stack';
import { deployedFunctions, type FunctionDefinition } from '#infra/function-registry';
import { buildMainStack, repositoryRoot, synthesized, testAccount, type SynthesizedStack } from './support/stack-template.ts';
import { asArray, flatten, type PolicyStatement } from './support/template-reading.ts';

/**
 * The grants follow from the code, not from a list someone must remember to update: for each
 * deployed function, every Step Functions and DynamoDB call its handler can reach (through the
 * functions it uses, across imports, down to the SDK command in functions/store,
 * functions/checks-workflow or wherever it is built) must be granted, and nothing more. On the
 * workflow, its role in the synthesized template must allow exactly the actions it can send; on
 * the table, its registry entry must say `readWrite` if it can write, `read` if it can only read,
 * and `none` if it never touches it. A use case that starts writing or stopping executions without
 * its function's grant fails here, not on AWS with AccessDenied (and the local stack refuses the
 * call too: infra/local/permissions); a grant the code no longer needs fails too (least
 * privilege). The stack is synthesized without bundling, so this takes seconds.
 */

// ---------------------------------------------------------------------------- reading the code

/** The SDK modules whose `…Command`s are AWS calls, and the IAM action each command's name gives. */
const commandModules: Readonly<Record<string, (command: string) => string>> = {
  '@aws-sdk/client-sfn': (command) => `states:${command}`,
  '@aws-sdk/client-dynamodb': (command) => `dynamodb:${command}`,
  // The document client's commands are named for the operation without "Item(s)".
  '@aws-sdk/lib-dynamodb': (command) =>
    `dynamodb:${{ Get: 'GetItem', Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', BatchGet: 'BatchGetItem', BatchWrite: 'BatchWriteItem', TransactGet: 'TransactGetItems', TransactWrite: 'TransactWriteItems' }[command] ?? command}`,
};
const aliases = Object.entries(JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')).imports as Record<string, string>);

/** A specifier of ours as a repository path (`./x` may omit `.ts`); undefined for packages. */
function resolveSpecifier(fromFile: string, specifier: string): string | undefined {
  if (specifier.startsWith('.')) return path.normalize(path.join(path.dirname(fromFile), path.extname(specifier) === '' ? `${specifier}.ts` : specifier));
  const alias = aliases.find(([pattern]) => specifier.startsWith(pattern.slice(0, -1)));
  return alias === undefined ? undefined : path.normalize(alias[1].replace('*', specifier.slice(alias[0].length - 1)));
}

/** A name another module refers to: `name` exported by `file` (`*`: the whole module, a namespace import). */
interface Reference {
  readonly file: string;
  readonly name: string;
}

/** What reachability needs of one source file. */
interface ModuleShape {
  /** Top-level functions, classes, variables and enums by name. */
  readonly declarations: Map<string, ts.Node[]>;
  /** Local names bound by value imports of our own modules. */
  readonly imports: Map<string, Reference>;
  /** Local names bound to a `…Command` of an SDK in {@link commandModules}, with the IAM action it sends. */
  readonly awsCommands: Map<string, string>;
  /** Exported name → local name. */
  readonly exports: Map<string, string>;
  /** `export { name } from '…'`: exported name → where it comes from. */
  readonly reExports: Map<string, Reference>;
  /** Statements that run when the module loads (not declarations). */
  readonly loadTime: ts.Node[];
}

const isExported = (node: ts.Node): boolean =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);

const shapes = new Map<string, ModuleShape>();

function shapeOf(file: string): ModuleShape {
  const cached = shapes.get(file);
  if (cached !== undefined) return cached;
  const source = ts.createSourceFile(file, readFileSync(path.join(repositoryRoot, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const shape: ModuleShape = { declarations: new Map(), imports: new Map(), awsCommands: new Map(), exports: new Map(), reExports: new Map(), loadTime: [] };
  const declare = (name: string, node: ts.Node, exported: boolean): void => {
    shape.declarations.set(name, [...(shape.declarations.get(name) ?? []), node]);
    if (exported) shape.exports.set(name, name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      if (clause === undefined) {
        const target = resolveSpecifier(file, statement.moduleSpecifier.text);
        if (target?.endsWith('.ts') === true) shape.loadTime.push(statement);
        continue;
      }
      if (clause.isTypeOnly) continue;
      const specifier = statement.moduleSpecifier.text;
      const target = resolveSpecifier(file, specifier);
      const bind = (local: string, imported: string): void => {
        const actionOf = commandModules[specifier];
        if (actionOf !== undefined && imported.endsWith('Command')) shape.awsCommands.set(local, actionOf(imported.replace(/Command$/, '')));
        if (target?.endsWith('.ts') === true) shape.imports.set(local, { file: target, name: imported });
      };
      if (clause.name !== undefined) bind(clause.name.text, 'default');
      const bindings = clause.namedBindings;
      if (bindings !== undefined && ts.isNamespaceImport(bindings)) bind(bindings.name.text, '*');
      if (bindings !== undefined && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) if (!element.isTypeOnly) bind(element.name.text, (element.propertyName ?? element.name).text);
      }
    } else if (ts.isExportDeclaration(statement)) {
      if (statement.isTypeOnly || statement.exportClause === undefined || !ts.isNamedExports(statement.exportClause)) continue;
      const target = statement.moduleSpecifier !== undefined && ts.isStringLiteral(statement.moduleSpecifier) ? resolveSpecifier(file, statement.moduleSpecifier.text) : undefined;
      for (const element of statement.exportClause.elements) {
        if (element.isTypeOnly) continue;
        const local = (element.propertyName ?? element.name).text;
        if (statement.moduleSpecifier === undefined) shape.exports.set(element.name.text, local);
        else if (target?.endsWith('.ts') === true) shape.reExports.set(element.name.text, { file: target, name: local });
      }
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name !== undefined) {
      declare(statement.name.text, statement, isExported(statement));
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) declare(declaration.name.text, declaration, isExported(statement));
        else shape.loadTime.push(declaration);
      }
    } else if (!ts.isInterfaceDeclaration(statement) && !ts.isTypeAliasDeclaration(statement)) {
      shape.loadTime.push(statement);
    }
  }
  shapes.set(file, shape);
  return shape;
}

/** Every identifier a node refers to (property names after a dot are not references). */
function referencedNames(node: ts.Node): string[] {
  const names: string[] = [];
  const visit = (child: ts.Node): void => {
    if (ts.isIdentifier(child) && !(ts.isPropertyAccessExpression(child.parent) && child.parent.name === child)) names.push(child.text);
    ts.forEachChild(child, visit);
  };
  visit(node);
  return names;
}

/**
 * The AWS actions the code reachable from a handler's `handler` export can send: the top-level
 * declarations it refers to, followed through imports across files (so a module that imports both
 * a start and a stop counts only for what its callers use), until a `…Command` of an SDK is
 * reached: `StopExecutionCommand` → `states:StopExecution`, the document client's `PutCommand` →
 * `dynamodb:PutItem`.
 */
function actionsReachableFrom(entry: string): Set<string> {
  const actions = new Set<string>();
  const seenNames = new Set<string>();
  const loadedFiles = new Set<string>();
  const visitNode = (file: string, node: ts.Node): void => {
    const shape = shapeOf(file);
    for (const name of referencedNames(node)) {
      const action = shape.awsCommands.get(name);
      if (action !== undefined) actions.add(action);
      if (shape.declarations.has(name)) visitLocal(file, name);
      const imported = shape.imports.get(name);
      if (imported !== undefined) visitExport(imported);
    }
  };
  const load = (file: string): void => {
    if (loadedFiles.has(file)) return;
    loadedFiles.add(file);
    for (const node of shapeOf(file).loadTime) visitNode(file, node);
  };
  const visitLocal = (file: string, name: string): void => {
    const key = `${file}#${name}`;
    if (seenNames.has(key)) return;
    seenNames.add(key);
    for (const node of shapeOf(file).declarations.get(name) ?? []) visitNode(file, node);
  };
  const visitExport = ({ file, name }: Reference): void => {
    load(file);
    const shape = shapeOf(file);
    if (name === '*') {
      for (const local of shape.exports.values()) visitLocal(file, local);
      for (const reExport of shape.reExports.values()) visitExport(reExport);
      return;
    }
    const local = shape.exports.get(name);
    if (local !== undefined) visitLocal(file, local);
    const reExport = shape.reExports.get(name);
    if (reExport !== undefined) visitExport(reExport);
  };
  visitExport({ file: entry, name: 'handler' });
  return actions;
}

// ---------------------------------------------------------------------------- reading the template



const stateMachineArn = `arn:aws:states:eu-west-2:${testAccount}:stateMachine:CurfewChecks-curfew-checks`;
const executionsArn = `arn:aws:states:eu-west-2:${testAccount}:execution:CurfewChecks-curfew-checks:*`;

/** Where AWS checks each action: the state machine, or its executions. */
const resourceOf: Readonly<Record<string, string>> = {
  'states:StartExecution': stateMachineArn,
  'states:StopExecution': executionsArn,
  'states:SendTaskSuccess': stateMachineArn,
  'states:DescribeStateMachine': stateMachineArn,
};
const workflowActions = Object.keys(resourceOf);

let stack: CurfewChecksStack;
const templates = new Map<Stack, SynthesizedStack>();

beforeAll(() => {
  stack = buildMainStack();
  // Synthesized here, not in the first test, so a busy machine's slow synth meets the hook's timeout.
  for (const definition of deployedFunctions) templateOf(Stack.of(stack.handlerNamed(definition.name).function));
}, 120_000);

/** The template of the stack the function is in (found from the function, so nesting does not matter). */
function templateOf(owner: Stack): SynthesizedStack {
  const cached = templates.get(owner);
  if (cached !== undefined) return cached;
  const template = synthesized(owner);
  templates.set(owner, template);
  return template;
}

/** For each workflow action, the resources the function's role allows it on. */
function grantedTo(definition: FunctionDefinition): Map<string, string[]> {
  const fn = stack.handlerNamed(definition.name).function;
  const owner = Stack.of(fn);
  const { resources, resourcesOfType } = templateOf(owner);
  const functionId = owner.resolve((fn.node.defaultChild as CdkCfnResource).logicalId) as string;
  const roleId = (resources[functionId]?.Properties['Role'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const statements = resourcesOfType('AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties['Roles'] as { Ref?: string }[]).some((reference) => reference.Ref === roleId))
    .flatMap(([, policy]) => (policy.Properties['PolicyDocument'] as { Statement: PolicyStatement[] }).Statement)
    .filter((statement) => statement.Effect === 'Allow');
  return new Map(
    workflowActions.map((action) => [
      action,
      statements.filter((statement) => asArray(statement.Action).includes(action)).flatMap((statement) => asArray(statement.Resource).map(flatten)),
    ]),
  );
}

// ---------------------------------------------------------------------------- the tests

const needs = new Map(deployedFunctions.map((definition) => [definition.name, actionsReachableFrom(definition.entry)]));

const tableWrites = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:TransactWriteItems'];

/** The registry's table access that the actions need: the least that allows them all. */
function tableAccessFor(actions: ReadonlySet<string>): FunctionDefinition['access']['table'] {
  if (tableWrites.some((action) => actions.has(action))) return 'readWrite';
  return [...actions].some((action) => action.startsWith('dynamodb:')) ? 'read' : 'none';
}

describe('reading the code', () => {
  it('finds, for each workflow action, some deployed function whose code can send it', () => {
    const callers = (action: string) => deployedFunctions.filter((definition) => needs.get(definition.name)?.has(action)).map((definition) => definition.name);
    for (const action of workflowActions) expect(callers(action), action).not.toEqual([]);
  });

  it('follows a use case to the workflow call it makes, not to every export of the files on the way', () => {
    // The withdrawal stops the execution; creating a proposal starts one, through a file that also stops.
    const workflowNeeds = (name: string) => new Set([...(needs.get(name) ?? [])].filter((action) => action.startsWith('states:')));
    expect(workflowNeeds('withdraw-proposal')).toEqual(new Set(['states:StopExecution']));
    expect(workflowNeeds('create-proposal')).toEqual(new Set(['states:StartExecution']));
  });

  it('finds the table writes a use case makes through the store, and none where a function only reads', () => {
    expect(needs.get('create-proposal')).toContain('dynamodb:TransactWriteItems');
    expect(tableAccessFor(needs.get('pre-token-generation') ?? new Set())).toBe('none');
  });
});

describe('workflow grants follow from what each function can call', () => {
  it.each(deployedFunctions.map((definition) => [definition.name, definition] as const))(
    '%s is allowed on the workflow exactly what its code can send, each on this state machine only',
    (_name, definition) => {
      const granted = grantedTo(definition);
      const needed = needs.get(definition.name) ?? new Set();
      const byAction = Object.fromEntries(workflowActions.map((action) => [action, granted.get(action) ?? []]));
      const expected = Object.fromEntries(workflowActions.map((action) => [action, needed.has(action) ? [resourceOf[action]] : []]));

      expect(byAction).toEqual(expected);
    },
  );
});

describe('table grants follow from what each function can call', () => {
  it.each(deployedFunctions.map((definition) => [definition.name, definition] as const))(
    '%s has the table access its code needs, and no more',
    (_name, definition) => {
      const needed = needs.get(definition.name) ?? new Set();
      expect({ table: definition.access.table, calls: [...needed].filter((action) => action.startsWith('dynamodb:')).sort() }).toEqual({
        table: tableAccessFor(needed),
        calls: [...needed].filter((action) => action.startsWith('dynamodb:')).sort(),
      });
    },
  );
});
