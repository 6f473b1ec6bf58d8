/**
 * Model layer of the embedded broker: parses and validates deployment resources
 * (BPMN via bpmn-moddle + zeebe-bpmn-moddle, form-js forms) into executable models,
 * and evaluates FEEL expressions and variable mappings with feelin.
 */
import type {
  EvaluatedJobProperties,
  EvaluationResult,
  ExecutableElement,
  Expression,
  JobEvaluationContext,
  ParsedResource,
  VariableMapping,
  Variables,
} from './types.ts';

export type * from './types.ts';
export { ResourceValidationError } from './errors.ts';

const notYet = (): never => {
  throw new Error('engine/broker/model: not yet implemented');
};

/** Parses and validates one deployment resource; throws ResourceValidationError listing every problem. */
export async function parseResource(_resourceName: string, _content: Buffer | string): Promise<ParsedResource> {
  return notYet();
}

/** Turns a model attribute into an expression: `=…` is FEEL, anything else a static value. */
export function parseExpression(_source: string): Expression {
  return notYet();
}

/** Evaluates an expression against variables. */
export function evaluate(_expression: Expression, _variables: Variables): EvaluationResult<unknown> {
  return notYet();
}

/** Evaluates a condition; anything but a boolean is a failure. */
export function evaluateBoolean(_expression: Expression, _variables: Variables): EvaluationResult<boolean> {
  return notYet();
}

/** Evaluates to a string (job type, assignee, …). */
export function evaluateString(_expression: Expression, _variables: Variables): EvaluationResult<string> {
  return notYet();
}

/** Evaluates to a number. */
export function evaluateNumber(_expression: Expression, _variables: Variables): EvaluationResult<number> {
  return notYet();
}

/** Evaluates to an integer (job retries). */
export function evaluateInt(_expression: Expression, _variables: Variables): EvaluationResult<number> {
  return notYet();
}

/** Evaluates to a list of strings: FEEL list, or comma-separated static string. */
export function evaluateStringList(_expression: Expression, _variables: Variables): EvaluationResult<string[]> {
  return notYet();
}

/** Evaluates to an ISO-8601 date-time string (due date, follow-up date). */
export function evaluateDateTime(_expression: Expression, _variables: Variables): EvaluationResult<string> {
  return notYet();
}

/** Evaluates input or output mappings into the resulting variables document. */
export function evaluateMappings(
  _mappings: readonly VariableMapping[],
  _variables: Variables,
): EvaluationResult<Record<string, unknown>> {
  return notYet();
}

/** Evaluates job type, retries and custom headers (incl. user-task reserved headers) of a job-based element. */
export function evaluateJobProperties(
  _element: ExecutableElement,
  _variables: Variables,
  _context?: JobEvaluationContext,
): EvaluationResult<EvaluatedJobProperties> {
  return notYet();
}
