// One flat config for every project. Module boundaries keep the heavy runtimes at the edges:
// tfjs only in packages/engine; onnxruntime only in engine and text-encoder; numerics, metrics, report and api stay light.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const heavy = ['@tensorflow/*', 'onnxruntime-node', 'onnxruntime-*'];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.nx/**', 'reports/**', 'datasets/cache/**', 'tmp/**'] },
  ...tseslint.configs.recommended,
  // CommonJS config files (jest.config.cjs, jest.preset.cjs) load their preset with require().
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'weight:light', bannedExternalImports: heavy },
            { sourceTag: 'runtime:text', bannedExternalImports: ['@tensorflow/*'] },
            { sourceTag: 'runtime:consumer', bannedExternalImports: heavy },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: [] },
            { sourceTag: '*', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
];
