/**
 * EvaluateDecision: evaluates a deployed decision by key, or by id (latest version), with the request's
 * variables. Answers Zeebe's EvaluateDecisionResponse; a failed evaluation is answered too, with
 * `failedDecisionId` and `failureMessage` set (not a gRPC error), as Zeebe answers it.
 */
import type { DecisionEvaluationValue } from '../../protocol/decision-records.ts';
import { DEFAULT_TENANT } from '../../protocol/record.ts';
import { execute, type UnaryHandler } from '../gateway-context.ts';
import { parseVariables, toNumber, requireDefaultTenant } from '../request-values.ts';

interface EvaluateDecisionRequest {
  decisionKey: string;
  decisionId: string;
  variables: string;
  tenantId: string;
}

export const evaluateDecision: UnaryHandler<EvaluateDecisionRequest> = async (request, ctx) => {
  requireDefaultTenant('EvaluateDecision', request.tenantId);
  const response = (await execute(ctx, {
    valueType: 'DECISION_EVALUATION',
    intent: 'EVALUATE',
    value: {
      decisionKey: toNumber(request.decisionKey),
      decisionId: request.decisionId ?? '',
      decisionName: '',
      decisionVersion: -1,
      decisionRequirementsId: '',
      decisionRequirementsKey: -1,
      decisionOutput: 'null',
      variables: parseVariables(request.variables),
      bpmnProcessId: '',
      processDefinitionKey: -1,
      processInstanceKey: -1,
      elementId: '',
      elementInstanceKey: -1,
      evaluatedDecisions: [],
      evaluationFailureMessage: '',
      failedDecisionId: '',
      tenantId: DEFAULT_TENANT,
    },
  })) as DecisionEvaluationValue & { decisionInstanceKey: number };
  return {
    decisionKey: String(response.decisionKey),
    decisionId: response.decisionId,
    decisionName: response.decisionName,
    decisionVersion: response.decisionVersion,
    decisionRequirementsId: response.decisionRequirementsId,
    decisionRequirementsKey: String(response.decisionRequirementsKey),
    decisionOutput: response.decisionOutput,
    evaluatedDecisions: response.evaluatedDecisions.map((evaluated) => ({ ...evaluated, decisionKey: String(evaluated.decisionKey) })),
    failedDecisionId: response.failedDecisionId,
    failureMessage: response.evaluationFailureMessage,
    tenantId: response.tenantId,
    decisionInstanceKey: String(response.decisionInstanceKey),
  };
};
