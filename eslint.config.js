// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/**
 * Layers of src/, lowest first. A layer may import only layers listed before it:
 *   scenario <- sim <- engine <- scoring <- runs <- store <- ui
 * sim is the simulated infrastructure (hosts, files, services, network, databases and their programs):
 * it reads the scenario's world data and knows nothing of the drill, its scoring or any one incident.
 * cli sits beside store: it may use scenario, sim, engine, scoring, runs, never store or ui.
 * Nothing in src/ may import from tests/.
 */
const forbiddenLayersByFolder = {
  scenario: ['sim', 'engine', 'scoring', 'runs', 'store', 'ui', 'cli'],
  sim: ['engine', 'scoring', 'runs', 'store', 'ui', 'cli'],
  engine: ['scoring', 'runs', 'store', 'ui', 'cli'],
  scoring: ['runs', 'store', 'ui', 'cli'],
  runs: ['store', 'ui', 'cli'],
  store: ['ui', 'cli'],
  ui: ['cli'],
  cli: ['store', 'ui'],
};

/** Matches a relative import that goes through a folder with one of these names, e.g. '../ui/App' or '../../store'. */
const relativeImportThrough = (folders) => `^\\.{1,2}/(?:.*/)?(?:${folders.join('|')})(?:/|$)`;

const testsImport = {
  regex: relativeImportThrough(['tests']),
  message: 'Code in src/ must not import from tests/.',
};

/**
 * Syntax banned everywhere (eval and new Function are banned by no-eval / no-new-func below).
 * Repeated in each per-layer block because a later block replaces the rule's options.
 */
const bannedSyntax = [
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: 'dangerouslySetInnerHTML is banned: render text as React children instead.',
  },
];

/** Dynamic import() is not seen by no-restricted-imports, so the same regex is checked on it here. */
const bannedDynamicImport = (regex, message) => ({
  // esquery regexes end at the first '/', so '/' is written as \x2F.
  selector: `ImportExpression > Literal.source[value=/${regex.replaceAll('/', '\\x2F')}/]`,
  message,
});

const layerBlocks = Object.entries(forbiddenLayersByFolder).map(([folder, forbidden]) => {
  const message = `src/${folder} must not import from ${forbidden.map((f) => `src/${f}`).join(', ')} (layers: scenario <- sim <- engine <- scoring <- runs <- store <- ui; cli uses scenario, sim, engine, scoring, runs).`;
  const layerRegex = relativeImportThrough(forbidden);
  return {
    name: `outage-drill/layers/${folder}`,
    files: [`src/${folder}/**/*.{ts,tsx,js,jsx,mts,cts}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: layerRegex, message },
            testsImport,
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...bannedSyntax,
        bannedDynamicImport(layerRegex, message),
        bannedDynamicImport(testsImport.regex, testsImport.message),
      ],
    },
  };
});

export default defineConfig(
  {
    name: 'outage-drill/ignores',
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'docs/**',
      'coverage/**',
      '.vite/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    name: 'outage-drill/base',
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': ['error', ...bannedSyntax],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    name: 'outage-drill/browser-code',
    files: ['src/**'],
    ignores: ['src/cli/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    name: 'outage-drill/node-code',
    files: ['src/cli/**', 'scripts/**', '*.config.{js,ts,mjs,cjs}', 'tests/e2e/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'outage-drill/react-hooks',
    files: ['**/*.tsx', '**/*.jsx', 'src/ui/**/*.ts', 'src/store/**/*.ts'],
    ...reactHooks.configs.flat.recommended,
  },
  ...layerBlocks,
);
