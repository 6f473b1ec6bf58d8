/**
 * Builds the DECISION_EVALUATION record value from an evaluation: the asked decision (key, version,
 * DRG), its output as JSON text, every evaluated decision with its key and version (looked up in the
 * same DRG version), matched rules and inputs with JSON-encoded values, and the failure if any.
 */
import { toJsonValue } from '../../model/feel/json-value.ts';
import type { DrgEvaluation } from '../../model/index.ts';
import type { DecisionEvaluationValue, DecisionValue, EvaluatedDecisionValue } from '../../protocol/decision-records.ts';
import type { ReadonlyEngineState } from '../../state/engine-state.ts';

/** The process context of a business rule task's evaluation (none for EvaluateDecision). */
export interface EvaluationOrigin {
  readonly bpmnProcessId: string;
  readonly processDefinitionKey: number;
  readonly processInstanceKey: number;
  readonly elementId: string;
  readonly elementInstanceKey: number;
}

/** No process context (EvaluateDecision). */
export const NO_ORIGIN: EvaluationOrigin = { bpmnProcessId: '', processDefinitionKey: -1, processInstanceKey: -1, elementId: '', elementInstanceKey: -1 };

function json(value: unknown): string {
  return JSON.stringify(toJsonValue(value));
}

/** The record value of a decision evaluation. */
export function evaluationValue(
  state: ReadonlyEngineState,
  decision: DecisionValue,
  evaluation: DrgEvaluation,
  variables: Record<string, unknown>,
  origin: EvaluationOrigin,
): DecisionEvaluationValue {
  const siblings = new Map(state.decisions.decisionsOfDrg(decision.decisionRequirementsKey).map((d) => [d.decisionId, d]));
  const evaluatedDecisions = evaluation.evaluatedDecisions.map((evaluated): EvaluatedDecisionValue => {
    const deployed = siblings.get(evaluated.decisionId);
    return {
      decisionId: evaluated.decisionId,
      decisionName: evaluated.decisionName,
      decisionKey: deployed?.decisionKey ?? -1,
      decisionVersion: deployed?.version ?? -1,
      decisionType: evaluated.decisionType,
      decisionOutput: json(evaluated.output),
      evaluatedInputs: evaluated.evaluatedInputs.map((input) => ({ ...input, inputValue: json(input.inputValue) })),
      matchedRules: evaluated.matchedRules.map((rule) => ({
        ruleId: rule.ruleId,
        ruleIndex: rule.ruleIndex,
        evaluatedOutputs: rule.evaluatedOutputs.map((output) => ({ ...output, outputValue: json(output.outputValue) })),
      })),
      tenantId: decision.tenantId,
    };
  });
  return {
    decisionKey: decision.decisionKey,
    decisionId: decision.decisionId,
    decisionName: decision.decisionName,
    decisionVersion: decision.version,
    decisionRequirementsId: decision.decisionRequirementsId,
    decisionRequirementsKey: decision.decisionRequirementsKey,
    decisionOutput: json(evaluation.output),
    variables,
    ...origin,
    evaluatedDecisions,
    evaluationFailureMessage: evaluation.failure?.message ?? '',
    failedDecisionId: evaluation.failure?.decisionId ?? '',
    tenantId: decision.tenantId,
  };
}
