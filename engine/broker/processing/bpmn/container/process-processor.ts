/** The process itself: starts at its none start event, completes when no path is left, terminates its children. */
import type { BpmnContainerProcessor } from '../element-processor.ts';
import { calledInstanceCompleted, calledInstanceTerminated } from './called-instance.ts';

export const processProcessor: BpmnContainerProcessor = {
  onActivate(element, bpmn) {
    bpmn.transitions.activating(element);
    bpmn.transitions.activated(element);
    const start = bpmn.ctx.state.models.element(element.value.processDefinitionKey, element.element.noneStartEventId ?? '');
    if (start) bpmn.flows.activate(element.value, element.key, start);
  },
  onComplete(element, bpmn) {
    bpmn.transitions.completing(element);
    const piKey = element.key;
    const awaited = bpmn.ctx.hooks.awaitsResult(piKey);
    const variables = awaited ? bpmn.ctx.state.variables.collect(piKey) : {};
    const childVariables = element.value.parentElementInstanceKey > 0 ? bpmn.ctx.state.variables.collect(piKey) : {};
    bpmn.transitions.completed(element);
    calledInstanceCompleted(element, childVariables, bpmn);
    if (awaited) bpmn.ctx.afterCommit(() => bpmn.ctx.hooks.resolveResult(piKey, variables));
  },
  onTerminate(element, bpmn) {
    bpmn.transitions.terminating(element);
    const instance = bpmn.ctx.state.elementInstances.get(element.key);
    bpmn.incidents.resolveAll(element.key, 0);
    if (!instance || instance.childCount === 0) {
      bpmn.transitions.terminated(element);
      calledInstanceTerminated(element, bpmn);
      return;
    }
    for (const child of instance.children) bpmn.transitions.terminateElement(child);
  },
  onChildLeft(scope, bpmn) {
    const instance = bpmn.ctx.state.elementInstances.get(scope.key);
    if (!instance || instance.childCount > 0) return;
    if (instance.state === 'ELEMENT_TERMINATING') {
      bpmn.transitions.terminated(scope);
      calledInstanceTerminated(scope, bpmn);
    } else if (instance.state === 'ELEMENT_ACTIVATED' && instance.activeFlows === 0) {
      bpmn.transitions.completeElement(scope);
    }
  },
};
