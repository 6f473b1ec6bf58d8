/**
 * Business rule tasks. With `zeebe:calledDecision` the decision is evaluated in the broker on
 * activation (after the input mappings): decisionId (static or FEEL) → the decision by its binding →
 * DECISION_EVALUATION EVALUATED, the result in `resultVariable` (propagated, or local when the task has
 * output mappings, which then map it), and the task completes. A decisionId expression that fails is an
 * EXTRACT_VALUE_ERROR incident, a missing decision a CALLED_DECISION_ERROR incident, a failed evaluation
 * DECISION_EVALUATION FAILED and a DECISION_EVALUATION_ERROR incident; resolving one evaluates again.
 * With `zeebe:taskDefinition` the task is job-based like a service task.
 */
import { evaluateString } from '../../model/index.ts';
import type { BpmnElementProcessor } from '../bpmn/element-processor.ts';
import { jobWorkerTaskProcessor } from '../bpmn/task/job-worker-task-processor.ts';
import { evaluateDeployed, findCalledDecision } from './decision-lookup.ts';
import { evaluationValue } from './evaluation-record.ts';

export const businessRuleTaskProcessor: BpmnElementProcessor = {
  onActivate(element, bpmn) {
    const called = element.element.calledDecision;
    if (!called) {
      jobWorkerTaskProcessor.onActivate(element, bpmn);
      return;
    }
    if (!bpmn.activatingWithInputs(element)) return;
    const state = bpmn.ctx.state;
    const variables = state.variables.collect(element.key);
    const decisionId = evaluateString(called.decisionId, variables);
    if (!decisionId.ok) {
      bpmn.incidents.create(element, 'EXTRACT_VALUE_ERROR', decisionId.message);
      return;
    }
    const decision = findCalledDecision(state, decisionId.value, called, element.value.processDefinitionKey);
    if (!decision.ok) {
      bpmn.incidents.create(element, 'CALLED_DECISION_ERROR', decision.message);
      return;
    }
    const evaluation = evaluateDeployed(state, decision.value, variables);
    if (!evaluation) {
      bpmn.incidents.create(element, 'CALLED_DECISION_ERROR', `Expected to evaluate decision '${decisionId.value}', but its decision requirements graph is not loaded`);
      return;
    }
    const origin = {
      bpmnProcessId: element.value.bpmnProcessId,
      processDefinitionKey: element.value.processDefinitionKey,
      processInstanceKey: element.value.processInstanceKey,
      elementId: element.value.elementId,
      elementInstanceKey: element.key,
    };
    const value = evaluationValue(state, decision.value, evaluation, {}, origin);
    bpmn.ctx.event(bpmn.ctx.nextKey(), 'DECISION_EVALUATION', evaluation.failure ? 'FAILED' : 'EVALUATED', value);
    if (evaluation.failure) {
      bpmn.incidents.create(element, 'DECISION_EVALUATION_ERROR', evaluation.failure.message);
      return;
    }
    bpmn.transitions.activated(element);
    const document = { [called.resultVariable]: JSON.parse(value.decisionOutput) as unknown };
    if (element.element.outputMappings.length > 0) bpmn.variables.mergeLocal(element.key, document, element.value);
    else bpmn.variables.mergePropagating(element.key, document, element.value);
    bpmn.transitions.completeElement(element);
  },
  onComplete(element, bpmn) {
    if (!element.element.calledDecision) {
      jobWorkerTaskProcessor.onComplete(element, bpmn);
      return;
    }
    bpmn.completeAndLeave(element);
  },
  onTerminate(element, bpmn) {
    if (!element.element.calledDecision) {
      jobWorkerTaskProcessor.onTerminate(element, bpmn);
      return;
    }
    bpmn.terminateLeaf(element);
  },
};
