import { describe, expect, it } from 'vitest';
import {
  checkFeelSyntax,
  evaluate,
  evaluateBoolean,
  evaluateDateTime,
  evaluateInt,
  evaluateNullableDateTime,
  evaluateNumber,
  evaluateString,
  evaluateStringList,
  parseExpression,
} from '../../../engine/broker/model/index.ts';

const feel = (text: string) => parseExpression(`=${text}`);

describe('expressions', () => {
  it('should tell FEEL (leading =) from static values', () => {
    expect(parseExpression('=a + 1')).toEqual({ kind: 'feel', source: '=a + 1', expression: 'a + 1' });
    expect(parseExpression('  = x')).toEqual({ kind: 'feel', source: '  = x', expression: 'x' });
    expect(parseExpression('payment-service')).toEqual({ kind: 'static', source: 'payment-service', value: 'payment-service' });
  });

  it('should check FEEL syntax with the feelin parser', () => {
    expect(checkFeelSyntax('amount > 5 and status = "open"')).toBeUndefined();
    expect(checkFeelSyntax('for x in items return x * 2')).toBeUndefined();
    expect(checkFeelSyntax('amount >')).toBe(
      "failed to parse expression 'amount >': unexpected end of expression, incomplete Comparison at position 8",
    );
    expect(checkFeelSyntax('[1, 2')).toMatch(/^failed to parse expression '\[1, 2': unexpected end of expression/);
    expect(checkFeelSyntax('')).toBe("failed to parse expression '': the expression is empty");
  });
});

describe('evaluating expressions', () => {
  it('should evaluate FEEL against variables to JSON values', () => {
    expect(evaluate(feel('amount * 2'), { amount: 21 })).toEqual({ ok: true, value: 42 });
    expect(evaluate(feel('{total: sum(items), first: items[1]}'), { items: [3, 4] })).toEqual({
      ok: true,
      value: { total: 7, first: 3 },
    });
    expect(evaluate(feel('date and time("2026-03-02T15:35:00@Asia/Shanghai")'), {})).toEqual({
      ok: true,
      value: '2026-03-02T15:35:00+08:00',
    });
    expect(evaluate(parseExpression('static'), {})).toEqual({ ok: true, value: 'static' });
  });

  it('should evaluate an unknown variable to null, as Zeebe does with FEEL 1.17+', () => {
    expect(evaluate(feel('missing'), {})).toEqual({ ok: true, value: null });
  });

  it('should evaluate conditions', () => {
    expect(evaluateBoolean(feel('x > 5'), { x: 7 })).toEqual({ ok: true, value: true });
    expect(evaluateBoolean(feel('x > 5'), { x: 3 })).toEqual({ ok: true, value: false });
  });

  it('should fail a condition on a missing variable with the expression and the warning', () => {
    // given a condition over a variable that does not exist
    // when it is evaluated
    const result = evaluateBoolean(feel('x > 5'), {});

    // then it fails with Zeebe's message naming the expression, the type and the reason
    expect(result).toEqual({
      ok: false,
      message:
        "Expected result of the expression 'x > 5' to be 'BOOLEAN', but was 'NULL'. The evaluation reported the following warnings:\n" +
        "[NO_VARIABLE_FOUND] No variable found with name 'x'",
    });
  });

  it('should fail a condition that calls an unknown function', () => {
    const result = evaluateBoolean(feel('isApproved(decision)'), { decision: 'yes' });
    expect(result).toEqual({
      ok: false,
      message:
        "Expected result of the expression 'isApproved(decision)' to be 'BOOLEAN', but was 'NULL'. The evaluation reported the following warnings:\n" +
        "[NO_FUNCTION_FOUND] No function found with name 'isApproved'",
    });
  });

  it('should fail a condition that yields a non-boolean', () => {
    expect(evaluateBoolean(feel('amount'), { amount: 3 })).toEqual({
      ok: false,
      message: "Expected result of the expression 'amount' to be 'BOOLEAN', but was 'NUMBER'.",
    });
  });

  it('should fail with a parse message when the FEEL cannot be parsed', () => {
    const result = evaluate(feel('a +'), { a: 1 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^failed to parse expression 'a \+': /);
  });

  it('should evaluate job types as strings', () => {
    expect(evaluateString(feel('"check-" + kind'), { kind: 'land' })).toEqual({ ok: true, value: 'check-land' });
    expect(evaluateString(parseExpression('notify'), {})).toEqual({ ok: true, value: 'notify' });
    expect(evaluateString(feel('kind'), { kind: 7 })).toEqual({
      ok: false,
      message: "Expected result of the expression 'kind' to be 'STRING', but was 'NUMBER'.",
    });
  });

  it('should evaluate retries as integers', () => {
    expect(evaluateInt(parseExpression('3'), {})).toEqual({ ok: true, value: 3 });
    expect(evaluateInt(feel('budget + 1'), { budget: 4 })).toEqual({ ok: true, value: 5 });
    expect(evaluateInt(feel('1.5'), {})).toEqual({
      ok: false,
      message: "Expected result of the expression '1.5' to be an integer, but was a decimal.",
    });
    expect(evaluateInt(parseExpression('three'), {})).toEqual({
      ok: false,
      message: "Expected result of the expression 'three' to be 'NUMBER', but was 'STRING'.",
    });
    expect(evaluateNumber(feel('budget / 4'), { budget: 2 })).toEqual({ ok: true, value: 0.5 });
  });

  it('should evaluate candidate lists from FEEL lists or comma-separated static values', () => {
    expect(evaluateStringList(parseExpression('land-office, planning-office'), {})).toEqual({
      ok: true,
      value: ['land-office', 'planning-office'],
    });
    expect(evaluateStringList(feel('[office, "民政办"]'), { office: '国土所' })).toEqual({
      ok: true,
      value: ['国土所', '民政办'],
    });
    expect(evaluateStringList(feel('[1, "a"]'), {})).toEqual({
      ok: false,
      message:
        "Expected result of the expression '[1, \"a\"]' to be 'ARRAY' containing 'STRING' items, but was 'ARRAY' containing at least one non-'STRING' item.",
    });
    expect(evaluateStringList(feel('groups'), { groups: 'a,b' })).toEqual({
      ok: false,
      message: "Expected result of the expression 'groups' to be 'ARRAY', but was 'STRING'.",
    });
  });

  it('should evaluate due dates to ISO-8601 date-times', () => {
    expect(evaluateDateTime(parseExpression('2026-03-02T15:35+02:00'), {})).toEqual({ ok: true, value: '2026-03-02T15:35+02:00' });
    expect(evaluateDateTime(feel('date and time("2026-03-02T08:00:00Z") + duration("P3D")'), {})).toEqual({
      ok: true,
      value: '2026-03-05T08:00:00+00:00',
    });
    expect(evaluateDateTime(feel('deadline'), { deadline: '2026-12-01T17:00:00+08:00' })).toEqual({
      ok: true,
      value: '2026-12-01T17:00:00+08:00',
    });
    expect(evaluateDateTime(feel('deadline'), { deadline: 'next friday' })).toEqual({
      ok: false,
      message: "Invalid date-time format 'next friday' for expression 'deadline'.",
    });
    expect(evaluateDateTime(feel('deadline'), {})).toEqual({
      ok: false,
      message:
        "Expected result of the expression 'deadline' to be one of '[DATE_TIME, STRING]', but was 'NULL'. The evaluation reported the following warnings:\n" +
        "[NO_VARIABLE_FOUND] No variable found with name 'deadline'",
    });
  });

  it('should treat a null or empty due date as no due date when nullable', () => {
    expect(evaluateNullableDateTime(feel('deadline'), {})).toEqual({ ok: true, value: null });
    expect(evaluateNullableDateTime(feel('""'), {})).toEqual({ ok: true, value: null });
  });
});

describe("Camunda's FEEL extension functions", () => {
  it('should offer is defined and get or else in conditions and mappings', () => {
    expect(evaluateBoolean(feel('is defined(opinion)'), { opinion: '同意' })).toEqual({ ok: true, value: true });
    expect(evaluateBoolean(feel('not(is defined(opinion))'), {})).toEqual({ ok: true, value: true });
    expect(evaluate(feel('get or else(applicant.phone, "无")'), { applicant: {} })).toEqual({ ok: true, value: '无' });
    expect(evaluate(feel('get or else(level, 1)'), { level: 3 })).toEqual({ ok: true, value: 3 });
  });

  it('should accept extension functions at deploy, including names with keywords', () => {
    expect(checkFeelSyntax('get or else(x, 5) > 3 and is defined(y)')).toBeUndefined();
  });

  it('should fail an assert that does not hold, as Zeebe reports it', () => {
    expect(evaluate(feel('assert(amount, amount > 0)'), { amount: 5 })).toEqual({ ok: true, value: 5 });
    expect(evaluate(feel('assert(amount, amount > 0)'), { amount: -1 })).toEqual({
      ok: false,
      message: "Assertion failure on evaluate the expression 'assert(amount, amount > 0)': The condition is not fulfilled",
    });
  });

  it('should offer the list, string and json helpers', () => {
    expect(evaluate(feel('is empty(items)'), { items: [] })).toEqual({ ok: true, value: true });
    expect(evaluate(feel('is blank(note)'), { note: '  ' })).toEqual({ ok: true, value: true });
    expect(evaluate(feel('trim(note)'), { note: ' 东村 ' })).toEqual({ ok: true, value: '东村' });
    expect(evaluate(feel('partition([1,2,3,4,5], 2)'), {})).toEqual({ ok: true, value: [[1, 2], [3, 4], [5]] });
    expect(evaluate(feel('duplicate values(["a","b","a"])'), {})).toEqual({ ok: true, value: ['a'] });
    expect(evaluate(feel('extract("2026年第12号", "[0-9]+")'), {})).toEqual({ ok: true, value: ['2026', '12'] });
    expect(evaluate(feel('to json({a: 1})'), {})).toEqual({ ok: true, value: '{"a":1}' });
    expect(evaluate(feel('from json(text).a'), { text: '{"a": [1]}' })).toEqual({ ok: true, value: [1] });
    const id = evaluate(feel('uuid()'), {});
    expect(id.ok && id.value).toMatch(/^[0-9a-f-]{36}$/);
  });
});
