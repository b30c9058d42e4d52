// Flat config: typescript-eslint's type-aware rules on the TypeScript sources, plain rules on the .mjs tests.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'extension/src/protocol.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A dropped promise in the extension host swallows its error; every promise is awaited or marked `void`.
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's test()/describe() return promises the runner itself awaits.
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The VS Code-free core must stay testable under plain Node, and the tests run there: neither may import vscode.
    files: ['tests/extension/**/*.ts', 'extension/src/sidecar/**/*.ts', 'extension/src/catalog/**/*.ts', 'extension/src/clusters/clusterStore.ts', 'extension/src/clusters/clusterConnections.ts', 'extension/src/clusters/clusterTreeModel.ts', 'extension/src/status/statusView.ts', 'extension/src/status/notices.ts', 'extension/src/status/clusterStatusView.ts', 'extension/src/clusters/clusterFocus.ts', 'extension/src/health/episodes.ts', 'extension/src/health/healthWords.ts', 'extension/src/resources/resourceViews.ts', 'extension/src/resources/resourceTreeModel.ts', 'extension/src/resources/rowText.ts', 'extension/src/resources/yamlUri.ts', 'extension/src/resources/keyBatcher.ts', 'extension/src/resources/viewState.ts', 'extension/src/resources/resourceTreeSource.ts', 'extension/src/strings.ts', 'extension/src/ids.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'This module must run without VS Code; put VS Code calls in an adapter.' }] }],
    },
  },
  {
    // Plain-JS tests are not in the TypeScript project, so they get the syntax rules only.
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.node,
    },
  },
);
