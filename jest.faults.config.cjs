// The fault-injection suite (`npm run test:faults`): the database stopped under traffic, seQura down,
// SIGTERM mid-report, fuzzing, two instances on one database. Same ESM/ts-jest set-up and PostgreSQL
// harness as jest.config.cjs (see there why); slower scenarios that start processes and databases of
// their own, so one file at a time. `npm run test:faults` builds first: some scenarios run dist/main.js.
const base = require('./jest.config.cjs');

module.exports = {
  ...base,
  testRegex: 'test/faults/.*\\.faults-spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/dist-tools/'],
  testTimeout: 120000,
  maxWorkers: 1,
};
