import { FeelDateTime } from 'feelin';
import type { EvaluationResult, Expression, Variables } from '../types.ts';
import { dateTimeToIso, isIsoZonedDateTime } from './date-time.ts';
import { evaluateRaw, failureWithWarnings, typeMismatch } from './evaluate.ts';
import type { RawEvaluation } from './evaluate.ts';

function staticRaw(text: string, value: unknown): RawEvaluation {
  return { expression: text, value, warnings: [] };
}

/** Evaluates a condition; anything but a boolean (including null) is a failure, as in Zeebe. */
export function evaluateBoolean(expression: Expression, variables: Variables): EvaluationResult<boolean> {
  if (expression.kind === 'static') {
    const text = expression.value.trim();
    if (text === 'true' || text === 'false') return { ok: true, value: text === 'true' };
    return { ok: false, message: typeMismatch(staticRaw(expression.value, expression.value), 'BOOLEAN') };
  }
  const raw = evaluateRaw(expression, variables);
  if (!raw.ok) return raw;
  if (typeof raw.value.value === 'boolean') return { ok: true, value: raw.value.value };
  return { ok: false, message: typeMismatch(raw.value, 'BOOLEAN') };
}

/** Evaluates to a string (job type, assignee …); a static value is taken as is. */
export function evaluateString(expression: Expression, variables: Variables): EvaluationResult<string> {
  if (expression.kind === 'static') return { ok: true, value: expression.value };
  const raw = evaluateRaw(expression, variables);
  if (!raw.ok) return raw;
  if (typeof raw.value.value === 'string') return { ok: true, value: raw.value.value };
  return { ok: false, message: typeMismatch(raw.value, 'STRING') };
}

/** Evaluates to a number; a static value must be numeric text. */
export function evaluateNumber(expression: Expression, variables: Variables): EvaluationResult<number> {
  if (expression.kind === 'static') {
    const text = expression.value.trim();
    const value = Number(text);
    if (text !== '' && Number.isFinite(value)) return { ok: true, value };
    return { ok: false, message: typeMismatch(staticRaw(expression.value, expression.value), 'NUMBER') };
  }
  const raw = evaluateRaw(expression, variables);
  if (!raw.ok) return raw;
  const value = raw.value.value;
  if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value };
  if (typeof value === 'bigint') return { ok: true, value: Number(value) };
  return { ok: false, message: typeMismatch(raw.value, 'NUMBER') };
}

/** Evaluates to an integer (job retries); a decimal is a failure with Zeebe's wording. */
export function evaluateInt(expression: Expression, variables: Variables): EvaluationResult<number> {
  const number = evaluateNumber(expression, variables);
  if (!number.ok || Number.isInteger(number.value)) return number;
  const text = expression.kind === 'feel' ? expression.expression : expression.value;
  return { ok: false, message: `Expected result of the expression '${text}' to be an integer, but was a decimal.` };
}

/**
 * Parses a static comma-separated list (`"a, b,c"` → `['a','b','c']`) as Zeebe does for
 * candidate groups/users; undefined when an entry is empty.
 */
export function parseCsvList(text: string): string[] | undefined {
  const items = text.split(',').map((item) => item.trim());
  return items.some((item) => item === '') ? undefined : items;
}

/** Evaluates to a list of strings: a FEEL list of strings, or a comma-separated static value. */
export function evaluateStringList(expression: Expression, variables: Variables): EvaluationResult<string[]> {
  if (expression.kind === 'static') {
    const items = parseCsvList(expression.value);
    if (items) return { ok: true, value: items };
    return {
      ok: false,
      message: `Expected static value to be a list of comma-separated values, e.g. 'a,b,c', but found '${expression.value}'.`,
    };
  }
  const raw = evaluateRaw(expression, variables);
  if (!raw.ok) return raw;
  const value = raw.value.value;
  if (!Array.isArray(value)) return { ok: false, message: typeMismatch(raw.value, 'ARRAY') };
  if (value.every((item): item is string => typeof item === 'string')) return { ok: true, value: [...value] };
  return {
    ok: false,
    message: failureWithWarnings(
      raw.value,
      `Expected result of the expression '${raw.value.expression}' to be 'ARRAY' containing 'STRING' items, but was 'ARRAY' containing at least one non-'STRING' item.`,
    ),
  };
}

/** Evaluates to an ISO-8601 zoned date-time string (FEEL date and time, or an ISO string). */
export function evaluateDateTime(expression: Expression, variables: Variables): EvaluationResult<string> {
  const result = evaluateDateTimeValue(expression, variables, false);
  if (!result.ok) return result;
  return { ok: true, value: result.value ?? '' };
}

/**
 * Like {@link evaluateDateTime}, but null or an empty string yield `null` (no date) instead of
 * a failure — how Zeebe treats `dueDate` and `followUpDate` of user tasks.
 */
export function evaluateNullableDateTime(expression: Expression, variables: Variables): EvaluationResult<string | null> {
  return evaluateDateTimeValue(expression, variables, true);
}

function evaluateDateTimeValue(
  expression: Expression,
  variables: Variables,
  nullable: boolean,
): EvaluationResult<string | null> {
  const raw = evaluateRaw(expression, variables);
  if (!raw.ok) return raw;
  const value = raw.value.value;
  if (nullable && (value === null || value === undefined || value === '')) return { ok: true, value: null };
  if (value instanceof FeelDateTime) return { ok: true, value: dateTimeToIso(value) };
  if (typeof value === 'string') {
    if (isIsoZonedDateTime(value)) return { ok: true, value };
    return {
      ok: false,
      message: failureWithWarnings(raw.value, `Invalid date-time format '${value}' for expression '${raw.value.expression}'.`),
    };
  }
  const expected = nullable ? (['NULL', 'DATE_TIME', 'STRING'] as const) : (['DATE_TIME', 'STRING'] as const);
  return { ok: false, message: typeMismatch(raw.value, expected) };
}
