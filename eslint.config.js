// ESLint: typescript-eslint's type-aware recommended rules on every TypeScript file, Prettier owning the layout.
//
// Type information comes from the project service, which (like an editor) gives each file the nearest
// tsconfig.json: the root one for src/, test/ and bench/, admin/tsconfig.json (extends tsconfig.admin.json: DOM,
// no Node types) for the back-office page, scripts/tsconfig.json (extends tsconfig.tools.json) for the scripts.
// A file that no tsconfig includes is a parse error, so a new folder cannot slip past type-aware linting.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const TESTS = ['test/**/*.ts', '**/*.spec.ts'];

export default defineConfig(
  // admin/src/api-schema.ts is generated (`npm run openapi`, openapi-typescript) and formatted by Prettier.
  { ignores: ['dist/', 'dist-tools/', 'admin/dist/', 'coverage/', '.data/', 'admin/src/api-schema.ts'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Leaving out properties with a rest pattern (`const { ip_number: _ip, ...rest } = customer`) is how this
      // code drops fields; only unused names that are not rest siblings are mistakes.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests and benchmarks read JSON response bodies (`TestResponse.body` is `any` on purpose), raw pg rows and
    // Jest's asymmetric matchers (typed `any`): the assertion, or the benchmark's own check, is what verifies their
    // shape. In src/ these rules stay on: an untyped `query()` row there is what repositories must type.
    files: [...TESTS, 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Test doubles implement async interfaces (`handle = async () => ok()`) and `waitFor` takes async predicates:
    // an `async` without `await` is the shape the caller expects, not a forgotten await.
    files: TESTS,
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    extends: [js.configs.recommended],
  },
  // Last: turns off every rule that would fight Prettier's layout.
  prettier,
  {
    // Prettier wraps code at 120 but never breaks a string, a comment or an SQL statement, so max-len (turned off
    // by eslint-config-prettier above) is turned back on to hold the 120-character limit. Test titles are left
    // alone: Prettier keeps `it('…', async () => {` on one line whatever its length.
    files: ['**/*.ts', '**/*.js', '**/*.cjs'],
    rules: {
      'max-len': [
        'error',
        {
          code: 120,
          ignoreUrls: true,
          ignoreRegExpLiterals: true,
          ignorePattern: String.raw`^\s*(it|test|describe)(\.\w+)*\(`,
        },
      ],
    },
  },
);
