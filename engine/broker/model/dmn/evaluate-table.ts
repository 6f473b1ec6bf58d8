/** Evaluates one decision table: inputs, rule matching (every input entry must match), outputs, hit policy. */
import type { DecisionTableLogic, ExecutableDecision } from './dmn-types.ts';
import type { EvaluatedDecisionResult, EvaluatedInput, EvaluatedOutput } from './evaluation-types.ts';
import { evaluateExpression, testEntry, type DecisionContext } from './feel-eval.ts';
import { applyHitPolicy, type RuleHit } from './hit-policy.ts';
import { DecisionEvaluationError } from './errors.ts';

/** Evaluates a decision table decision with the variables (and required decisions' results) in `context`. */
export function evaluateTable(decision: ExecutableDecision, table: DecisionTableLogic, context: DecisionContext): EvaluatedDecisionResult {
  const evaluatedInputs: EvaluatedInput[] = [];
  try {
    for (const input of table.inputs) {
      evaluatedInputs.push({ inputId: input.id, inputName: input.name, inputValue: evaluateExpression(decision.id, input.expression, context) });
    }
    return matchRules(decision, table, evaluatedInputs, context);
  } catch (error) {
    if (error instanceof DecisionEvaluationError) error.evaluatedInputs = evaluatedInputs;
    throw error;
  }
}

function matchRules(decision: ExecutableDecision, table: DecisionTableLogic, evaluatedInputs: EvaluatedInput[], context: DecisionContext): EvaluatedDecisionResult {
  const matched: RuleHit[] = [];
  for (const rule of table.rules) {
    const matches = rule.inputEntries.every((entry, column) => testEntry(decision.id, entry, evaluatedInputs[column]?.inputValue ?? null, context));
    if (!matches) continue;
    const evaluatedOutputs: EvaluatedOutput[] = table.outputs.map((output, column) => ({
      outputId: output.id,
      outputName: output.name,
      outputValue: evaluateExpression(decision.id, rule.outputEntries[column] ?? '', context),
    }));
    const value =
      evaluatedOutputs.length === 1
        ? evaluatedOutputs[0]!.outputValue
        : Object.fromEntries(evaluatedOutputs.map((output) => [output.outputName, output.outputValue]));
    matched.push({ rule: { ruleId: rule.id, ruleIndex: rule.index, evaluatedOutputs }, value });
  }
  const { hits, output } = applyHitPolicy(decision.id, table, matched, context);
  return {
    decisionId: decision.id,
    decisionName: decision.name,
    decisionType: 'DECISION_TABLE',
    output,
    evaluatedInputs,
    matchedRules: hits.map((hit) => hit.rule),
  };
}
