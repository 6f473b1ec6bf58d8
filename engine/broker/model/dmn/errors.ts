/** Errors of the DMN module. */
import type { EvaluatedInput } from './evaluation-types.ts';

/**
 * A decision could not be evaluated (a FEEL expression failed, a hit policy was violated, a required
 * decision is missing). Thrown inside the evaluation and turned into a failed evaluation result that
 * names the decision; `message` is the reason without the decision prefix.
 */
export class DecisionEvaluationError extends Error {
  override readonly name = 'DecisionEvaluationError';
  /** The inputs of the failed decision table evaluated before the failure (reported with the failed decision). */
  evaluatedInputs: readonly EvaluatedInput[] = [];

  constructor(
    /** Id of the decision whose evaluation failed. */
    readonly decisionId: string,
    message: string,
  ) {
    super(message);
  }
}
