// ESLint (flat config): typescript-eslint, import cycles and the layer boundaries of #17.
//   src/core     imports no other layer and no Node module (it runs in the browser, the server route and the CLI)
//   src/widgets  imports no Node module and nothing from src/server or src/cli
// Folder pairs inside src/core that import each other are caught by test/core-folder-graph.test.ts.
// .astro files are checked by `astro check`, not here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const otherLayers = ['./src/widgets', './src/server', './src/cli', './src/components', './src/pages'];

export default tseslint.config(
  {
    ignores: ['dist/**', 'dist-cli/**', 'node_modules/**', '.astro/**', 'public/**', 'test/fixtures/*/dist/**', 'test/.out/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `let { a, b } = ...` where only `a` changes later stays one line.
      'prefer-const': ['error', { destructuring: 'all' }],
      // `const { secret: _secret, ...rest } = r` leaves a field out on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.mjs', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.mjs', '.js'] })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
    },
  },
  {
    // Scripts run on Node.
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'import-x/no-restricted-paths': [
        'error',
        { zones: [{ target: './src/core', from: otherLayers, message: 'src/core is the pure layer: it imports no other layer.' }] },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'src/core takes the time as a parameter: no new Date() without arguments.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'src/core takes the time as a parameter: no Date.now().',
        },
      ],
    },
  },
  {
    files: ['src/widgets/**/*.ts'],
    ignores: ['src/widgets/**/*.test.ts'],
    rules: {
      'import-x/no-nodejs-modules': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/widgets',
              from: ['./src/server', './src/cli'],
              message: 'Widgets run in the browser: they import neither the server nor the CLI.',
            },
          ],
        },
      ],
    },
  },
);
