import { etagOf, parseIfMatch } from './etag.js';

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
    // Well-formed tags that are not ours: they never match (412), they are not malformed.
    ['"abc"', []],
    ['"stale-0"', []],
    ['""', []],
    ['"stale-0", "7"', [7]],
  ])('If-Match %j names the versions %j', (header, versions) => {
    expect(parseIfMatch(header)).toEqual({ kind: 'tags', versions });
  });

  test('* is any representation', () => {
    expect(parseIfMatch('*')).toEqual({ kind: 'any' });
  });

  test.each([['"7'], ['w/"7"'], ['yesterday'], [''], ['"a b"'], ['"7", stale'], ['*, "7"']])(
    'If-Match %j is malformed',
    (header) => {
      expect(parseIfMatch(header)).toEqual({ kind: 'malformed' });
    },
  );
});
