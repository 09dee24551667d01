// The fault-injection suite (`npm run test:faults`): the database stopped under traffic, seQura down,
// SIGTERM mid-report, fuzzing, two instances on one database. Same ESM/ts-jest set-up as
// jest.config.cjs (see there why); slower scenarios that start processes and databases of their own,
// so one file at a time. `npm run test:faults` builds first: some scenarios run dist/main.js.
const ESM_ONLY_DEPS = ['content-disposition', 'cookie'];

module.exports = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  rootDir: '.',
  testRegex: 'test/faults/.*\\.faults-spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true }],
    [`/node_modules/(${ESM_ONLY_DEPS.join('|')})/.+\\.js$`]: ['ts-jest', { useESM: false, tsconfig: { allowJs: true, module: 'commonjs', moduleResolution: 'node', isolatedModules: true } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_DEPS.join('|')})/)`],
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 1,
};
