import { evaluate as feelin } from 'feelin';
import { describe, expect, it } from 'vitest';
import { evaluateFast } from '../../../engine/broker/model/feel/fast-path.ts';

const VARIABLES = {
  approved: true,
  rejected: false,
  amount: 1500,
  ratio: 0.5,
  decision: '退回',
  empty: '',
  nothing: null,
  applicant: { name: '张三', address: { village: '东村', no: 12 }, tags: ['a', 'b'], spouse: null },
  reviewers: [{ name: 'wang', office: 'land' }, { name: 'li', office: 'plan' }],
  mixed: [{ name: 'wang' }, 3],
  nested: [[{ x: 1 }]],
  count: 3,
  date: 'not a builtin',
};

const EXPRESSIONS = [
  'approved', 'rejected', 'amount', 'ratio', 'decision', 'empty', 'nothing', 'applicant', 'applicant.name',
  'applicant.address.village', 'applicant.address.no', 'applicant.tags', 'applicant.spouse', 'applicant.spouse.name',
  'applicant.missing', 'reviewers.name', 'reviewers.office', 'mixed.name', 'nested.x', 'missing', 'missing.deeper',
  'amount.value', 'decision.length', 'count', 'true', 'false', 'null', '42', '-7.25', '"固定值"', '"a b"',
  'approved = true', 'approved != true', 'rejected = false', 'amount > 1000', 'amount >= 1500', 'amount < 1500',
  'amount <= 1499.5', 'amount = 1500', 'amount != 1500', 'ratio < 1', 'decision = "退回"', 'decision != "同意"',
  'applicant.address.no > 10', 'missing = true', 'amount = "1500"', 'decision > "a"', 'approved > false',
  'nothing = null', 'applicant.name = "张三"', 'approved=true', 'amount>1000',
  'approved = true and amount > 1000', 'approved and rejected', 'approved or rejected', 'rejected or amount < 10',
  'approved = true and amount > 1000 and decision = "退回"', 'approved and amount', 'approved and missing',
  'approved = true and rejected or amount > 1', 'decision = "a and b"', 'decision = "x" or decision = "a or b"',
  '["wang", "li"]', '[]', '["a", 1]', '["a" "b"]',
];

describe('the FEEL fast path', () => {
  it.each(EXPRESSIONS)('should agree with feelin on %s whenever it answers', (expression) => {
    // given the same expression and variables
    const fast = evaluateFast(expression, VARIABLES);
    let reference: ReturnType<typeof feelin>;
    try {
      reference = feelin(expression, { ...VARIABLES });
    } catch {
      // feelin itself fails (e.g. `approved > false`): the fast path must not answer either
      expect(fast).toBeUndefined();
      return;
    }

    // then a fast answer is exactly feelin's value, and only given when feelin reports no warnings
    if (fast !== undefined) {
      expect(fast.value).toEqual(reference.value);
      expect(reference.warnings).toEqual([]);
    } else {
      expect(expression).toMatch(/missing|mixed|nested|spouse\.|\.value|\.length|"1500"|> "a"|> false|null|nothing|and amount$|and rejected or|"a and b"|"a or b"|\["a", 1\]|"a" "b"/);
    }
  });

  it('should answer the common shapes without falling back', () => {
    for (const expression of [
      'applicant.address.village', 'reviewers.name', 'approved = true', 'amount > 1000', '"x"', '12',
      'approved = true and amount > 1000', 'rejected or amount < 10', '["wang", "li"]',
    ]) {
      expect(evaluateFast(expression, VARIABLES), expression).toBeDefined();
    }
  });
});
