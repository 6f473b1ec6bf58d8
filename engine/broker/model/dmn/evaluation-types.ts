/** What a decision evaluation produced, per decision (Zeebe's EvaluatedDecision, values still unencoded). */
import type { DecisionType } from './dmn-types.ts';

/** An input of a decision table and the value its expression gave. */
export interface EvaluatedInput {
  readonly inputId: string;
  readonly inputName: string;
  readonly inputValue: unknown;
}

/** An output of a matched rule and its value. */
export interface EvaluatedOutput {
  readonly outputId: string;
  readonly outputName: string;
  readonly outputValue: unknown;
}

/** A rule that matched and contributed to the result. */
export interface MatchedRule {
  readonly ruleId: string;
  /** 1-based. */
  readonly ruleIndex: number;
  readonly evaluatedOutputs: readonly EvaluatedOutput[];
}

/** One evaluated decision of a DRG. */
export interface EvaluatedDecisionResult {
  readonly decisionId: string;
  readonly decisionName: string;
  readonly decisionType: DecisionType;
  /** The decision's result: a value (one output), a context (several outputs), a list (multiple hits). */
  readonly output: unknown;
  readonly evaluatedInputs: readonly EvaluatedInput[];
  readonly matchedRules: readonly MatchedRule[];
}

/** The outcome of evaluating a decision with its required decisions. */
export interface DrgEvaluation {
  /** The evaluated decisions in evaluation order (required decisions first, the asked one last; after a failure the failed one last). */
  readonly evaluatedDecisions: readonly EvaluatedDecisionResult[];
  /** The asked decision's result (null when the evaluation failed). */
  readonly output: unknown;
  /** Set when the evaluation failed: the decision that failed and why. */
  readonly failure?: { readonly decisionId: string; readonly message: string };
}
