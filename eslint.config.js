// The house, stated once: which folder may import what (the layers), the Electron protections nobody may turn off,
// typescript-eslint's type-checked rules and the React hooks rules. `npm run lint` runs it with Prettier's check.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** A relative import into another folder of electron/ (from any depth below electron/<folder>/ or src/). */
const into = (...folders) => `^(\\.\\./)+(electron/)?(${folders.join('|')})/`;

/** Imports every file of the app refuses: Electron's shell (a link would leave the app) and the remote module. */
const APP_PATHS = [
  { name: 'electron', importNames: ['shell'], message: 'Nothing opens outside the app: no shell.' },
  { name: '@electron/remote', message: 'The remote module is never used.' },
];
const ONLY_PRELOAD_TALKS_IPC = {
  name: 'electron',
  importNames: ['ipcRenderer', 'contextBridge'],
  message: 'Only the preload talks to ipcRenderer and the context bridge.',
};
const NOT_THE_RENDERER = { regex: '^(\\.\\./)+src/', message: 'Only the renderer imports the renderer.' };

const restrictImports = (paths, patterns = []) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { paths: [...APP_PATHS, ...paths], patterns }],
});

/** Protections a window, a session or a command line must never turn off (Electron's security checklist). */
const NO_WEAKENED_ELECTRON = [
  ['Identifier[name="openExternal"]', 'Nothing opens outside the app: no shell.openExternal.'],
  ['Property[key.name=/^nodeIntegration/][value.value=true]', 'Node integration stays off.'],
  ['Property[key.name="contextIsolation"][value.value=false]', 'Context isolation stays on.'],
  ['Property[key.name="sandbox"][value.value=false]', 'The sandbox stays on.'],
  ['Property[key.name="webSecurity"][value.value=false]', 'Web security stays on.'],
  ['Property[key.name="allowRunningInsecureContent"][value.value=true]', 'No insecure content.'],
  ['Property[key.name="experimentalFeatures"][value.value=true]', 'No experimental features.'],
  ['Property[key.name=/^(enableBlinkFeatures|enableRemoteModule)$/]', 'No Blink features, no remote module.'],
  ['Property[key.name="webviewTag"][value.value=true]', 'No webview tag.'],
  ['JSXOpeningElement[name.name="webview"]', 'No webview tag.'],
  ...['Literal[value', 'TemplateElement[value.raw'].map((node) => [
    `${node}=/no-sandbox|disable-web-security|ignore-certificate-errors|enable-blink-features|enable-experimental-web-platform-features|unsafe-eval/]`,
    'No switch or policy that weakens the page (sandbox, web security, certificates, Blink features, eval).',
  ]),
  ['CallExpression[callee.name="callback"][arguments.0.value=true]', 'No permission is granted.'],
  [
    'NewExpression[callee.name="BrowserWindow"]:not(:has(Property[key.name="webPreferences"] > CallExpression[callee.name="secureWebPreferences"]))',
    'Every window is made with webPreferences: secureWebPreferences(…).',
  ],
].map(([selector, message]) => ({ selector, message }));

/** Imports are static, so the layer rules below see every one. */
const STATIC_IMPORTS = ['ImportExpression', 'CallExpression[callee.name="require"]'].map((selector) => ({
  selector,
  message: 'Import statically (the layer rules check static imports only).',
}));

export default defineConfig(
  { ignores: ['out/', 'dist/', 'test-results/', 'playwright-report/', '.tools/', 'node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // Each file is checked in its own world: the project service follows tsconfig.json's references.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The compiler already reports unused names (noUnusedLocals, noUnusedParameters).
      '@typescript-eslint/no-unused-vars': 'off',
      // Store actions and window.api members are typed with method syntax but are closures: nothing to bind (125 places).
      '@typescript-eslint/unbound-method': 'off',
      // An async function that only returns turns a throw into a rejection; the preload and test fakes rely on it.
      '@typescript-eslint/require-await': 'off',
      // React event handlers may be async: a click that saves need not return void.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Its two hits reject with real errors the rule cannot see as such: @types/node's ExecFileException (an
      // Omit<> of Error) and a stream's error narrowed from unknown.
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },

  // React: the hooks rules, including the compiler's (no ref read or written during render).
  {
    files: ['src/**/*.{ts,tsx}', 'tests/ui/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest']],
  },
  // Tests and benchmarks build deliberate bad input and read untyped JSON and mocks.
  {
    files: ['tests/**', 'bench/**'],
    rules: {
      // JSON.parse, mock.calls and expect.any() are `any` by design; 170 places.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // `x!` after an expect() that proved it: 31 places, harmless in a test.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Control characters in test input are the point.
      'no-control-regex': 'off',
      // Locators and values are printed into test titles and messages.
      '@typescript-eslint/restrict-template-expressions': 'off',
      // A generator that throws before its first yield is how a failing source is faked.
      'require-yield': 'off',
      // Expected output is matched as printed, its indentation included.
      'no-regex-spaces': 'off',
    },
  },
  // useTempDir, useTestStudies, useReviewStudy are vitest fixtures (beforeEach/afterEach), not React hooks.
  { files: ['tests/ui/**'], rules: { 'react-hooks/rules-of-hooks': 'off', 'react-hooks/immutability': 'off' } },
  // Electron's protections hold in every file of the app.
  { files: ['electron/**', 'src/**'], rules: { 'no-restricted-syntax': ['error', ...NO_WEAKENED_ELECTRON, ...STATIC_IMPORTS] } },
  // The CLI's launcher loads the CLI only once it knows this Node strips types.
  { files: ['electron/cli/3rs.mjs'], rules: { 'no-restricted-syntax': ['error', ...NO_WEAKENED_ELECTRON] } },

  // The layers. The core knows nothing of Electron, React, the renderer or the processes that use it.
  {
    files: ['electron/core/**'],
    rules: restrictImports(
      [
        ONLY_PRELOAD_TALKS_IPC,
        ...['electron', 'react', 'react-dom', 'zustand'].map((name) => ({
          name,
          message: 'electron/core is plain Node: no Electron, React or renderer state.',
        })),
      ],
      [
        { regex: '^(electron|react|react-dom|zustand)/', message: 'electron/core is plain Node: no Electron, React or renderer state.' },
        { regex: into('main', 'preload', 'cli', 'worker'), message: 'The core is used by main, the CLI and the worker, never the other way.' },
        NOT_THE_RENDERER,
      ],
    ),
  },
  // The renderer reaches the core only through window.api: type imports of the contract and the scheme's types.
  {
    files: ['src/**'],
    languageOptions: { globals: globals.browser },
    rules: {
      ...restrictImports(
        [
          { name: 'electron', message: 'The renderer reaches Electron only through window.api.' },
          ...builtinModules.map((name) => ({ name, message: 'The renderer runs in the page: no Node modules.' })),
        ],
        [
          {
            regex: '^(\\.\\./)+electron/core/(api/contract|scheme/types)\\.ts$',
            allowTypeImports: true,
            message: 'The renderer imports only types from the core (import type); values come through window.api.',
          },
          {
            regex: '^(\\.\\./)+electron/(?!core/(api/contract|scheme/types)\\.ts$)',
            message: 'The renderer reaches the core only through the contract and the scheme types.',
          },
          { regex: '^node:', message: 'The renderer runs in the page: no Node modules.' },
        ],
      ),
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({
          name,
          message: 'The renderer runs in the page: no Node globals.',
        })),
      ],
    },
  },
  // The preload loads Electron and the channel list, nothing else.
  {
    files: ['electron/preload/**'],
    rules: restrictImports(
      [],
      [{ regex: '^(?!electron$|\\.\\./core/api/channels\\.ts$)', message: 'The preload imports only electron and the channel list.' }],
    ),
  },
  // The main process and the CLI both build on the core, never on each other.
  {
    files: ['electron/main/**'],
    rules: restrictImports(
      [ONLY_PRELOAD_TALKS_IPC],
      [{ regex: into('cli', 'preload'), message: 'The main process imports the core, not the CLI or the preload.' }, NOT_THE_RENDERER],
    ),
  },
  {
    // Kept free of Electron so it is testable in plain Node.
    files: ['electron/main/policy.ts'],
    rules: restrictImports(
      [ONLY_PRELOAD_TALKS_IPC, { name: 'electron', message: 'policy.ts stays free of Electron, testable in Node.' }],
      [NOT_THE_RENDERER],
    ),
  },
  // The core's worker thread: the core and Node's worker wiring, nothing of Electron or the processes around it.
  {
    files: ['electron/worker/**'],
    rules: restrictImports(
      [ONLY_PRELOAD_TALKS_IPC, { name: 'electron', message: 'The core’s worker runs in plain Node: no Electron.' }],
      [{ regex: into('main', 'cli', 'preload'), message: 'The worker imports the core, never main, the CLI or the preload.' }, NOT_THE_RENDERER],
    ),
  },
  {
    files: ['electron/cli/**'],
    rules: restrictImports(
      [ONLY_PRELOAD_TALKS_IPC, { name: 'electron', message: 'The CLI runs in plain Node.' }],
      [{ regex: into('main', 'preload'), message: 'The CLI imports the core, not the main process or the preload.' }, NOT_THE_RENDERER],
    ),
  },
  {
    files: ['electron/packaging/**'],
    rules: restrictImports([ONLY_PRELOAD_TALKS_IPC], [NOT_THE_RENDERER]),
  },
);
