/** The input-entry fast path gives feelin's answer wherever it answers at all. */
import { unaryTest } from 'feelin';
import { describe, expect, it } from 'vitest';
import { fastMatcher } from '../../../engine/broker/model/dmn/unary-fast-path.ts';

const ENTRIES = [
  '"rebuild"', '"east","west"', 'not("east")', 'not("a", "b")', '5', '-3.5', 'true', 'false', '< 10', '<= 10', '> -2', '>= 2.5',
  '< "m"', '>= "m"', '[1..5]', ']1..5]', '[1..5[', '(1..5)', ']1..5[', '1, 3, [5..7]', 'not(< 10)', 'not([1..5])', '"a,b"', '"x", < 3',
];
const VALUES: unknown[] = ['rebuild', 'east', 'west', 'a', 'a,b', 'm', 'n', '', 0, 1, 2.5, 3, 5, 6, 7, 10, 11, -2, -3.5, true, false, null, [1], { a: 1 }];

describe('input entry fast path', () => {
  it('should agree with feelin unaryTest for every entry and value it decides', () => {
    // given
    let decided = 0;
    for (const entry of ENTRIES) {
      const matcher = fastMatcher(entry);
      // then every entry of this list is compiled
      expect(matcher, entry).toBeDefined();
      for (const value of VALUES) {
        // when
        const fast = matcher!(value);
        if (fast === undefined) continue;
        decided++;
        // then
        expect(fast, `${entry} with ${JSON.stringify(value)}`).toBe(unaryTest(entry, { '?': value }).value === true);
      }
    }
    expect(decided).toBeGreaterThan(ENTRIES.length * 5);
  });

  it('should leave entries with expressions, functions or variables to feelin', () => {
    // then
    for (const entry of ['? > limit', 'date("2024-01-01")', 'starts with("a")', 'x', '> amount', '"a" or "b"']) expect(fastMatcher(entry), entry).toBeUndefined();
  });
});
