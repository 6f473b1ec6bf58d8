/**
 * DECISION_EVALUATION EVALUATE (EvaluateDecision): finds the decision by key, or by id (latest
 * version), evaluates it with the command's variables and writes DECISION_EVALUATION EVALUATED or
 * FAILED. As in Zeebe, a failed evaluation is not a rejection: the client gets the response with
 * `failedDecisionId` and `failureMessage` (and the decisions evaluated up to the failed one, which comes last).
 */
import type { DecisionValue } from '../../protocol/decision-records.ts';
import { DEFAULT_TENANT } from '../../protocol/record.ts';
import type { CommandProcessor } from '../command-processor.ts';
import { evaluateDeployed } from './decision-lookup.ts';
import { evaluationValue, NO_ORIGIN } from './evaluation-record.ts';

export const evaluateDecisionProcessor: CommandProcessor<'DECISION_EVALUATION'> = (command, ctx) => {
  const { decisionKey, decisionId } = command.value;
  let decision: DecisionValue | undefined;
  if (decisionKey > 0) {
    decision = ctx.state.decisions.decisionByKey(decisionKey);
    if (!decision) {
      ctx.reject('NOT_FOUND', `Expected to evaluate decision with key '${decisionKey}', but no decision found for key '${decisionKey}'`);
      return;
    }
  } else if (decisionId !== '') {
    decision = ctx.state.decisions.latestDecision(decisionId);
    if (!decision) {
      ctx.reject('NOT_FOUND', `Expected to evaluate decision '${decisionId}', but no decision found for id '${decisionId}'`);
      return;
    }
  } else {
    ctx.reject('INVALID_ARGUMENT', 'Expected either a decision id or a valid decision key, but none provided');
    return;
  }
  const variables = command.value.variables ?? {};
  const evaluation = evaluateDeployed(ctx.state, decision, variables);
  if (!evaluation) {
    ctx.reject('PROCESSING_ERROR', `Expected to evaluate decision '${decision.decisionId}', but its decision requirements graph is not loaded`);
    return;
  }
  const value = { ...evaluationValue(ctx.state, decision, evaluation, variables, NO_ORIGIN), tenantId: decision.tenantId || DEFAULT_TENANT };
  const key = ctx.nextKey();
  ctx.event(key, 'DECISION_EVALUATION', evaluation.failure ? 'FAILED' : 'EVALUATED', value);
  ctx.respond({ decisionInstanceKey: key, ...value });
};
