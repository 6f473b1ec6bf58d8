/** Shared lifecycle of elements that contain element instances (sub-process, event sub-process, multi-instance body). */
import type { BpmnBehaviors } from '../behavior/bpmn-behaviors.ts';
import type { ElementContext } from '../element-processor.ts';

/** Terminates a container: its children first; when none is left it is terminated and its scope told. */
export function terminateContainer(element: ElementContext, bpmn: BpmnBehaviors): void {
  bpmn.transitions.terminating(element);
  bpmn.events.unsubscribe(element.key);
  if (element.value.bpmnElementType === 'SUB_PROCESS') bpmn.compensations.deleteBelow(element);
  bpmn.incidents.resolveAll(element.key, 0);
  const instance = bpmn.ctx.state.elementInstances.get(element.key);
  if (!instance || instance.childCount === 0) {
    bpmn.transitions.terminated(element);
    // An interrupting boundary event takes over the path of the container it terminated.
    if (bpmn.events.activateTriggeredBoundary(element)) return;
    bpmn.childLeft(element.value.flowScopeKey);
    return;
  }
  for (const child of instance.children) bpmn.transitions.terminateElement(child);
}

/**
 * A child of a container left. A terminating container is terminated once no child is left; an
 * active one completes once no child and no token is left (a terminate end event drops the tokens),
 * unless an interrupting event sub-process waits for that moment to start.
 */
export function containerChildLeft(scope: ElementContext, bpmn: BpmnBehaviors): void {
  const instance = bpmn.ctx.state.elementInstances.get(scope.key);
  if (!instance || instance.childCount > 0) return;
  if (instance.state === 'ELEMENT_TERMINATING') {
    bpmn.transitions.terminated(scope);
    if (bpmn.events.activateTriggeredBoundary(scope)) return;
    bpmn.childLeft(scope.value.flowScopeKey);
  } else if (instance.state === 'ELEMENT_ACTIVATED') {
    // An interrupting event sub-process starts once the paths it interrupted are gone.
    if (bpmn.eventSubProcesses.activatePending(scope)) return;
    if (instance.activeFlows === 0 || instance.interrupted) bpmn.transitions.completeElement(scope);
  }
}
