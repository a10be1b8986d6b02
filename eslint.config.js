// One lint gate (`npm run lint`, part of `npm test`, zero warnings allowed). Besides typescript-eslint
// and react-hooks it encodes ARCHITECTURE.md's import boundaries, so a layering leak fails the build:
//   - the client imports server code only from server/src/contract;
//   - only client/src/api talks to the network (fetch, XHR, WebSocket, socket.io-client);
//   - server/src/domain does no I/O (no pg, fs, net, http, fetch, process.env, repos, live);
//   - only server/src/repos runs SQL (plus the pool in plugins/db and the outbox listener's LISTEN);
//   - nothing imports server/src/routes but app.ts (and routes' own files);
//   - server/src/contract is pure: TypeBox and other contract files only.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NETWORK_GLOBALS = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map((name) => ({
  name,
  message: 'Only client/src/api talks to the network: add a typed function there and call it.',
}));
const SOCKET_IMPORT = {
  name: 'socket.io-client',
  message: 'Only client/src/api talks to the network: use the live socket module in client/src/api.',
};
const SERVER_FROM_CLIENT = {
  regex: '(^|/)server/src/(?!contract/)',
  message: 'The client imports server code only from server/src/contract (types and pure values).',
};
const ROUTES = {
  group: ['**/routes/**'],
  message: 'Nothing imports routes/ but app.ts: move what is shared into domain/, contract/ or repos/.',
};
const SQL_CALL = {
  selector: "CallExpression[callee.property.name='query'][arguments.length>0]",
  message: 'Only server/src/repos runs SQL: add a repository function and call it.',
};
const IO_MODULES = [
  'pg',
  'pg-copy-streams',
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'net',
  'node:net',
  'http',
  'node:http',
  'https',
  'node:https',
  'child_process',
  'node:child_process',
  'socket.io',
  'fastify',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'bench/**', 'test-results/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // With verbatimModuleSyntax a type-only import must say so, or it stays as a runtime import.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  // Node globals for everything that runs on the server, in scripts and in tests.
  {
    files: ['server/**', 'scripts/**', 'fixtures/**', 'test/**', '*.config.ts', '*.config.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        Buffer: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        queueMicrotask: 'readonly',
        NodeJS: 'readonly',
      },
    },
  },
  // ---- client ----
  {
    files: ['client/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-globals': ['error', ...NETWORK_GLOBALS],
      'no-restricted-imports': ['error', { paths: [SOCKET_IMPORT], patterns: [SERVER_FROM_CLIENT] }],
    },
  },
  {
    files: ['client/src/api/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': 'off',
      'no-restricted-imports': ['error', { patterns: [SERVER_FROM_CLIENT] }],
    },
  },
  // ---- server ----
  {
    // Tests and scripts too: they reach the routes through buildApp() and HTTP, like any client.
    files: ['server/src/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts', 'fixtures/**/*.ts'],
    ignores: ['server/src/app.ts', 'server/src/routes/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ROUTES] }] },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: [
      'server/src/repos/**',
      'server/src/plugins/db.ts',
      'server/src/live/outbox-listener.ts',
      'server/src/**/*.test.ts',
    ],
    rules: { 'no-restricted-syntax': ['error', SQL_CALL] },
  },
  {
    files: ['server/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: IO_MODULES.map((name) => ({ name, message: 'domain/ holds pure rules and does no I/O.' })),
          patterns: [
            {
              group: ['**/repos/**', '**/live/**', '**/plugins/**', '**/routes/**', '**/jobs/**', '**/sql/**'],
              message: 'domain/ holds pure rules and does no I/O.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'domain/ does no I/O.' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'domain/ reads no environment: take it as a parameter.' },
      ],
    },
  },
  {
    files: ['server/src/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./(?!contract/)|pg$|fastify$|node:)',
              message: 'contract/ is shared with the client: TypeBox, types and pure values only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/config.ts', 'server/src/main.ts', 'server/src/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Configuration is read and validated in server/src/config.ts only.',
        },
      ],
    },
  },
  prettier,
);
