// End-to-end tests of the back-office page in a real headless Chromium (`npm run test:browser`).
// A separate run from `npm test`: it needs Debian's chromium (/usr/bin/chromium) and builds the
// page's bundle first. Same ESM/ts-jest setup and PostgreSQL harness as jest.config.cjs.
const base = require('./jest.config.cjs');

module.exports = {
  ...base,
  testRegex: 'test/browser/.*\\.browser-spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/dist-tools/'],
  testTimeout: 60000,
  // One browser and one app at a time: the tests drive a UI step by step.
  maxWorkers: 1,
};
