import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries: which folder of functions/ may import which (docs/architecture.md draws the
 * same table). Arrows only point down, so a use case cannot reach back into a handler, the store
 * cannot reach up into a use case, and runtime stays a kit that knows nothing of the service.
 * Every import across folders goes through its alias (`#store/items`), so the aliases below are
 * the whole story; a relative `../` import, which could slip past them, is refused everywhere.
 */
export const layers = {
  domain: ['schemas'],
  schemas: ['domain'],
  runtime: ['schemas'],
  store: ['runtime', 'domain', 'schemas'],
  'checks-workflow': ['runtime'],
  auth: ['store', 'runtime', 'domain', 'schemas'],
  links: ['store', 'runtime', 'domain', 'schemas'],
  notify: ['store', 'runtime', 'domain', 'schemas'],
  proposals: ['links', 'auth', 'notify', 'checks-workflow', 'store', 'runtime', 'domain', 'schemas'],
  pages: ['proposals', 'links', 'auth', 'store', 'runtime', 'domain', 'schemas'],
  // A handler never imports another handler: what two share belongs in a layer below.
  handlers: ['pages', 'proposals', 'links', 'auth', 'notify', 'checks-workflow', 'store', 'runtime', 'domain', 'schemas'],
};

const folderOf = (layer) => (layer === 'schemas' ? 'schemas' : `functions/${layer}`);

function boundaryRule(layer) {
  // Within a layer, files import each other freely, except handlers: each stands alone.
  const forbidden = Object.keys(layers).filter((other) => !layers[layer].includes(other) && (other !== layer || layer === 'handlers'));
  return {
    files: [`${folderOf(layer)}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(forbidden.length === 0 ? [] : [{ regex: `^#(${forbidden.join('|')})/`, message: `${layer} may import only ${layers[layer].join(', ')} (docs/architecture.md).` }]),
            { regex: '^#infra/', message: 'Production code never imports the CDK app, the local stack or demo data (docs/architecture.md).' },
            { regex: '^\\.\\./|/(infra|test)/', message: 'Import across folders by alias (#store/items), so the boundaries can be checked (docs/architecture.md).' },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local-data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  ...Object.keys(layers).map(boundaryRule),
  {
    // One place knows the environment variables and checks them at cold start (functions/runtime/environment.ts).
    files: ['functions/**/*.ts'],
    ignores: ['functions/runtime/environment.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read the environment through #runtime/environment (a group, checked at load).' }],
    },
  },
);
