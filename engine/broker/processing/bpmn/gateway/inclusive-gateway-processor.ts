/**
 * Inclusive gateway. Fork: takes every outgoing flow whose condition is true, else the default flow;
 * with neither, a CONDITION_ERROR incident. Join: activated once every incoming flow either has a
 * token or can no longer get one (see {@link inclusiveJoinComplete}).
 */
import { evaluateBoolean, type EvaluationResult } from '../../../model/index.ts';
import type { BpmnBehaviors } from '../behavior/bpmn-behaviors.ts';
import type { BpmnElementProcessor, ElementContext } from '../element-processor.ts';

function chooseFlows(element: ElementContext, bpmn: BpmnBehaviors): EvaluationResult<string[]> {
  const { outgoing, defaultFlowId } = element.element;
  const model = bpmn.ctx.state.models.get(element.value.processDefinitionKey);
  if (outgoing.length === 1 && !model?.sequenceFlows.get(outgoing[0]!)?.condition) return { ok: true, value: [outgoing[0]!] };
  const variables = bpmn.ctx.state.variables.collect(element.key);
  const chosen: string[] = [];
  for (const flowId of outgoing) {
    if (flowId === defaultFlowId) continue;
    const condition = model?.sequenceFlows.get(flowId)?.condition;
    if (!condition) {
      chosen.push(flowId);
      continue;
    }
    const result = evaluateBoolean(condition, variables);
    if (!result.ok) return result;
    if (result.value) chosen.push(flowId);
  }
  if (chosen.length > 0) return { ok: true, value: chosen };
  if (defaultFlowId) return { ok: true, value: [defaultFlowId] };
  return { ok: false, message: 'Expected at least one condition to evaluate to true, or to have a default flow' };
}

export const inclusiveGatewayProcessor: BpmnElementProcessor = {
  onActivate(element, bpmn) {
    bpmn.transitions.activating(element);
    if (element.element.outgoing.length === 0) {
      bpmn.transitions.activated(element);
      bpmn.transitions.completeElement(element);
      return;
    }
    const chosen = chooseFlows(element, bpmn);
    if (!chosen.ok) {
      bpmn.incidents.create(element, 'CONDITION_ERROR', chosen.message);
      return;
    }
    bpmn.transitions.activated(element);
    bpmn.transitions.completing(element);
    bpmn.transitions.completed(element);
    bpmn.flows.takeOutgoing(element, chosen.value);
  },
  onComplete(element, bpmn) {
    bpmn.completeAndLeave(element);
  },
  onTerminate(element, bpmn) {
    bpmn.terminateLeaf(element);
  },
};
