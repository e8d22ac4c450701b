// ESLint flat config: typescript-eslint's recommended rules (not type-aware, so it stays fast)
// plus the layer rules of docs/ARCHITECTURE.md §2, enforced per folder with `no-restricted-imports`
// (static imports and re-exports) and `no-restricted-syntax` (dynamic `import()` and
// `require()`, which `no-restricted-imports` does not see). tests/lint/layers.test.ts proves
// that each rule fires.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Import specifiers a layer may be forbidden, each a regex over the specifier as written. */
const FORBIDDEN = {
  nodeBuiltins: {
    regex: `^(?:node:.+|${builtinModules.filter((name) => !name.startsWith('_')).map(escapeRegex).join('|')})$`,
    what: 'Node built-ins',
  },
  electron: { regex: '^electron(?:/.*)?$', what: 'the `electron` package' },
  betterSqlite3: { regex: '^better-sqlite3(?:/.*)?$', what: 'better-sqlite3' },
  react: { regex: '^(?:react|react-dom)(?:/.*)?$', what: 'React' },
  // Relative paths that climb out of the current folder into another layer.
  intoElectron: { regex: '^(?:\\.\\./)+electron(?:/.*)?$', what: 'code under electron/' },
  intoRenderer: { regex: '^(?:\\.\\./)+renderer(?:/.*)?$', what: 'code under renderer/' },
  intoCore: { regex: '^(?:\\.\\./)+(?:electron/)?core(?:/.*)?$', what: 'electron/core (main talks to the core host instead)' },
  intoMainSide: {
    regex: '^(?:\\.\\./)+(?:electron/)?(?:core|main|host|cli)(?:/.*)?$',
    what: 'main-process or core code',
  },
};

/**
 * One folder's import restrictions.
 * @param {string} name config name
 * @param {string[]} files globs of the layer
 * @param {string} why the layer rule, shown in every message
 * @param {Array<keyof typeof FORBIDDEN>} forbidden
 */
function layer(name, files, why, forbidden) {
  const entries = forbidden.map((key) => FORBIDDEN[key]);
  // esquery regex literals may not contain a slash: spell it \x2F.
  const selectorRegex = (regex) => regex.replaceAll('/', '\\x2F');
  return {
    name: `muragat/layers/${name}`,
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: entries.map(({ regex, what }) => ({ regex, message: `${why}: it may not import ${what}.` })) },
      ],
      'no-restricted-syntax': [
        'error',
        ...entries.flatMap(({ regex, what }) => [
          {
            selector: `ImportExpression[source.value=/${selectorRegex(regex)}/]`,
            message: `${why}: it may not import ${what}.`,
          },
          {
            selector: `CallExpression[callee.name='require'][arguments.0.value=/${selectorRegex(regex)}/]`,
            message: `${why}: it may not require ${what}.`,
          },
        ]),
      ],
    },
  };
}

export default defineConfig([
  {
    name: 'muragat/ignores',
    ignores: ['out/', 'dist/', 'node_modules/', '.electron-native/', 'coverage/', 'test-results/', 'playwright-report/', '.scratch/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'muragat/defaults',
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    name: 'muragat/globals/node',
    files: ['electron/**', 'scripts/**', 'bin/**', 'bench/**', 'tests/**', '*.{js,mjs,cjs,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'muragat/globals/browser',
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // ---- Layers (docs/ARCHITECTURE.md §2) -----------------------------------------------------
  layer('shared', ['shared/**'], 'shared/ is pure TypeScript for every process', [
    'nodeBuiltins',
    'electron',
    'betterSqlite3',
    'react',
    'intoElectron',
    'intoRenderer',
  ]),
  layer('node-core', ['electron/core/**', 'electron/cli/**', 'electron/host/**'], 'the core, the CLI and the core host are plain Node', [
    'electron',
    'intoRenderer',
  ]),
  layer('main', ['electron/main/**'], 'electron/main is a thin shell that talks to the core host', ['intoCore', 'intoRenderer']),
  layer('preload', ['electron/preload/**'], 'the preload is sandboxed and only bridges IPC', [
    'nodeBuiltins',
    'betterSqlite3',
    'react',
    'intoMainSide',
    'intoRenderer',
  ]),
  layer('renderer', ['renderer/**'], 'the renderer is DOM-only and reaches the core through shared/contract', [
    'nodeBuiltins',
    'electron',
    'betterSqlite3',
    'intoElectron',
  ]),
]);
