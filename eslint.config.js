// One linter for the whole repo; type-aware so that an un-awaited Promise from an
// asynchronous implementation is caught at review time, not in a flaky run.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', '.sync-check/**', 'coverage/**', 'scratch/**', 'dist/**', 'dist.staging-*/**', 'test/fixtures/broken/**', 'test/fixtures/shapes/**/*.{js,cjs,mjs}'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js', 'bin/*.mjs', 'scripts/*.mjs', 'src/soak/*.mjs', 'src/adapters/worker/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
