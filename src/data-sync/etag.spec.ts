import { etagOf, ifMatchVersions } from './etag.js';

describe('ETags', () => {
  test('the ETag is the version as a strong tag', () => {
    expect(etagOf(7)).toBe('"7"');
  });

  test.each([
    ['"7"', [7]],
    ['7', [7]],
    ['W/"7"', [7]],
    [' "7" ', [7]],
    ['"3", W/"7"', [3, 7]],
    ['*', '*'],
    ['"7', []],
    ['w/"7"', []],
    ['"abc"', []],
    ['', []],
  ])('If-Match %j → %j', (header, expected) => {
    expect(ifMatchVersions(header)).toEqual(expected);
  });
});
