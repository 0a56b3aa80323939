// ESLint: typescript-eslint's recommended rules everywhere, and the Office add-in rules of Microsoft's template
// (eslint-plugin-office-addins: load before read, sync after load, isNullObject…) where Office.js is called.
// Formatting is not linted (no prettier rule): the code keeps its own consistent style.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';
import reactHooks from 'eslint-plugin-react-hooks';

const officeRules = Object.fromEntries(
  Object.entries(officeAddins.configs.recommended.at(-1).rules).filter(([name]) => name.startsWith('office-addins/')),
);

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-web/**', 'dist-wps/**', 'build/**', 'coverage/**', 'tmp/**', 'screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        console: 'readonly', process: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly',
        setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        window: 'readonly', document: 'readonly', navigator: 'readonly', Blob: 'readonly', URL: 'readonly',
        Office: 'readonly', Excel: 'readonly', OfficeExtension: 'readonly', structuredClone: 'readonly',
        Buffer: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', self: 'readonly', Worker: 'readonly',
        requestAnimationFrame: 'readonly', performance: 'readonly', queueMicrotask: 'readonly', globalThis: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // CommonJS entry points (bin/, webpack configs) and lazy Node-only requires in the reader.
      '@typescript-eslint/no-require-imports': 'off',
      'no-undef': 'off', // TypeScript checks names; the globals above serve the .js files
    },
  },
  {
    files: ['src/excel/**/*.ts', 'src/taskpane/**/*.{ts,tsx}'],
    plugins: { 'office-addins': officeAddins },
    rules: officeRules,
  },
  {
    files: ['src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Runs before any bundle loads, in whatever webview the host has (IE11 included): ES5 on purpose.
    files: ['src/excel/host-support.ts'],
    rules: { 'no-var': 'off' },
  },
  {
    files: ['tests/**/*.{ts,tsx}'],
    rules: {
      // Test doubles of Office.js and ExcelJS are loosely typed on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
