/**
 * Evaluates a decision of a DRG as Zeebe does: its required decisions first, in dependency order
 * (each once), their results visible to later decisions under the decision id (and the decision's
 * variable name when it declares one); then the decision itself. A failure stops the evaluation and
 * names the decision that failed.
 */
import type { ExecutableDecision, ExecutableDrg } from './dmn-types.ts';
import { DecisionEvaluationError } from './errors.ts';
import type { DrgEvaluation, EvaluatedDecisionResult } from './evaluation-types.ts';
import { evaluateTable } from './evaluate-table.ts';
import { evaluateExpression, type DecisionContext } from './feel-eval.ts';

/** The decision and its required decisions, required ones first (depth-first post-order). */
export function evaluationOrder(drg: ExecutableDrg, decisionId: string): ExecutableDecision[] {
  const order: ExecutableDecision[] = [];
  const seen = new Set<string>();
  const visit = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    const decision = drg.decisions.get(id);
    if (!decision) throw new DecisionEvaluationError(id, `no decision found for id '${id}' in the decision requirements graph '${drg.id}'`);
    for (const required of decision.requiredDecisionIds) visit(required);
    order.push(decision);
  };
  visit(decisionId);
  return order;
}

function evaluateOne(decision: ExecutableDecision, context: DecisionContext): EvaluatedDecisionResult {
  if (decision.logic.kind === 'table') return evaluateTable(decision, decision.logic, context);
  return {
    decisionId: decision.id,
    decisionName: decision.name,
    decisionType: 'LITERAL_EXPRESSION',
    output: evaluateExpression(decision.id, decision.logic.expression, context),
    evaluatedInputs: [],
    matchedRules: [],
  };
}

/** Zeebe-style: "Expected to evaluate decision 'x', but …", naming the required decision that failed. */
function failureMessage(decisionId: string, error: DecisionEvaluationError): string {
  const reason = error.message.charAt(0).toLowerCase() + error.message.slice(1);
  if (error.decisionId === decisionId) return `Expected to evaluate decision '${decisionId}', but ${reason}`;
  return `Expected to evaluate decision '${decisionId}', but its required decision '${error.decisionId}' failed: ${reason}`;
}

/** Evaluates `decisionId` of the DRG with the variables. Never throws for evaluation problems. */
export function evaluateDecision(drg: ExecutableDrg, decisionId: string, variables: DecisionContext): DrgEvaluation {
  const evaluatedDecisions: EvaluatedDecisionResult[] = [];
  try {
    const context: Record<string, unknown> = { ...variables };
    let output: unknown = null;
    for (const decision of evaluationOrder(drg, decisionId)) {
      const evaluated = evaluateOne(decision, context);
      evaluatedDecisions.push(evaluated);
      context[decision.id] = evaluated.output;
      if (decision.variableName) context[decision.variableName] = evaluated.output;
      output = evaluated.output;
    }
    return { evaluatedDecisions, output };
  } catch (error) {
    if (!(error instanceof DecisionEvaluationError)) throw error;
    const failed = drg.decisions.get(error.decisionId);
    if (failed) {
      // As Zeebe: the failed decision comes last, with a null output and the inputs evaluated before the failure.
      evaluatedDecisions.push({
        decisionId: failed.id,
        decisionName: failed.name,
        decisionType: failed.logic.kind === 'table' ? 'DECISION_TABLE' : 'LITERAL_EXPRESSION',
        output: null,
        evaluatedInputs: error.evaluatedInputs,
        matchedRules: [],
      });
    }
    return {
      evaluatedDecisions,
      output: null,
      failure: { decisionId: error.decisionId, message: failureMessage(decisionId, error) },
    };
  }
}
