/** FEEL evaluation for decisions: expressions and unary tests through feelin, failures as {@link DecisionEvaluationError}. */
import { unaryTest } from 'feelin';
import { functionsUsedBy } from '../feel/camunda-functions.ts';
import { evaluateRaw } from '../feel/evaluate.ts';
import { feelExpression } from '../feel/expression.ts';
import { toJsonValue } from '../feel/json-value.ts';
import { matchesAnything } from './check-feel.ts';
import { DecisionEvaluationError } from './errors.ts';
import { fastMatcher } from './unary-fast-path.ts';

/** Variables a decision's expressions see. */
export type DecisionContext = Readonly<Record<string, unknown>>;

/** Evaluates a FEEL expression (no `=`) to a JSON-compatible value; '' gives null. */
export function evaluateExpression(decisionId: string, expression: string, context: DecisionContext): unknown {
  if (expression.trim() === '') return null;
  const result = evaluateRaw(feelExpression(expression), context);
  if (!result.ok) throw new DecisionEvaluationError(decisionId, result.message);
  return toJsonValue(result.value.value);
}

/** Whether an input entry (unary tests) matches the input value; `-` and '' match anything, null results do not match. */
export function testEntry(decisionId: string, entry: string, inputValue: unknown, context: DecisionContext): boolean {
  if (matchesAnything(entry)) return true;
  const fast = fastMatcher(entry)?.(inputValue);
  if (fast !== undefined) return fast;
  try {
    const { value } = unaryTest(entry, { ...functionsUsedBy(entry), ...context, '?': inputValue });
    return value === true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DecisionEvaluationError(decisionId, `failed to evaluate unary tests '${entry}' against input value ${JSON.stringify(inputValue)}: ${reason}`);
  }
}

/** The values listed by an output's `outputValues` (e.g. `"high","low"` → ['high', 'low']), in priority order. */
export function listedValues(decisionId: string, outputValues: string, context: DecisionContext): unknown[] {
  const value = evaluateExpression(decisionId, `[${outputValues}]`, context);
  return Array.isArray(value) ? value : [];
}
