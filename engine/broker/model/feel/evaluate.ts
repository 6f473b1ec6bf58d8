import { evaluate as feelEvaluate, SyntaxError as FeelSyntaxError } from 'feelin';
import type { Warning } from 'feelin';
import type { EvaluationResult, Expression, Variables } from '../types.ts';
import { resultTypeOf } from './result-type.ts';
import type { ResultType } from './result-type.ts';
import { FeelAssertionError, functionsUsedBy } from './camunda-functions.ts';
import { evaluateFast } from './fast-path.ts';
import { toJsonValue } from './json-value.ts';
import { formatWarnings } from './warnings.ts';

/** Raw outcome of one evaluation: the feelin value (temporal objects kept) and its warnings. */
export interface RawEvaluation {
  readonly expression: string;
  readonly value: unknown;
  readonly warnings: readonly Warning[];
}

/** The text Zeebe names in its messages: the FEEL without `=`, or the static value. */
export function expressionText(expression: Expression): string {
  return expression.kind === 'feel' ? expression.expression : expression.value;
}

/**
 * Evaluates without converting the result. A static expression yields its text;
 * a FEEL expression goes through feelin with the variables as its context.
 */
export function evaluateRaw(expression: Expression, variables: Variables): EvaluationResult<RawEvaluation> {
  if (expression.kind === 'static') {
    return { ok: true, value: { expression: expression.value, value: expression.value, warnings: [] } };
  }
  const text = expression.expression;
  const fast = evaluateFast(text, variables);
  if (fast !== undefined) return { ok: true, value: { expression: text, value: fast.value, warnings: [] } };
  try {
    const { value, warnings } = feelEvaluate(text, { ...functionsUsedBy(text), ...variables });
    return { ok: true, value: { expression: text, value, warnings } };
  } catch (error) {
    if (error instanceof FeelSyntaxError) {
      return { ok: false, message: `failed to parse expression '${text}': ${error.message} at position ${error.position.from}` };
    }
    if (error instanceof FeelAssertionError) {
      return { ok: false, message: `Assertion failure on evaluate the expression '${text}': ${error.message}` };
    }
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `failed to evaluate expression '${text}': ${reason}` };
  }
}

/**
 * Evaluates an expression to a JSON-compatible value (temporal values become ISO strings).
 * Like Zeebe with FEEL 1.17+, unknown variables evaluate to null rather than failing;
 * typed helpers (evaluateBoolean …) turn an unexpected type into a failure naming the expression.
 */
export function evaluate(expression: Expression, variables: Variables): EvaluationResult<unknown> {
  const raw = evaluateRaw(expression, variables);
  return raw.ok ? { ok: true, value: toJsonValue(raw.value.value) } : raw;
}

/** Zeebe's "Expected result of the expression 'x' to be 'T', but was 'U'." with warnings appended. */
export function typeMismatch(raw: RawEvaluation, expected: ResultType | readonly ResultType[]): string {
  const actual = resultTypeOf(raw.value);
  const wanted = typeof expected === 'string' ? `'${expected}'` : `one of '[${expected.join(', ')}]'`;
  return `Expected result of the expression '${raw.expression}' to be ${wanted}, but was '${actual}'.${formatWarnings(raw.warnings)}`;
}

/** A failure message with the evaluation's warnings appended, Zeebe-style. */
export function failureWithWarnings(raw: RawEvaluation, message: string): string {
  return `${message}${formatWarnings(raw.warnings)}`;
}
