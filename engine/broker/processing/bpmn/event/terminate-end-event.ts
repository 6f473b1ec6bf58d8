/**
 * Terminate end event: once completed it terminates every other element instance of its flow scope;
 * the scope (process or sub-process) then completes — its pending tokens were dropped by the
 * ELEMENT_COMPLETED applier, which also marks the scope interrupted.
 */
import type { BpmnBehaviors } from '../behavior/bpmn-behaviors.ts';
import type { ElementContext } from '../element-processor.ts';

/** Completes a terminate end event and terminates its siblings. */
export function completeTerminateEndEvent(element: ElementContext, bpmn: BpmnBehaviors): void {
  bpmn.transitions.completing(element);
  if (!bpmn.applyOutputMappings(element)) return;
  bpmn.transitions.completed(element);
  const scope = bpmn.ctx.state.elementInstances.get(element.value.flowScopeKey);
  if (!scope) return;
  for (const child of scope.children) bpmn.transitions.terminateElement(child);
  bpmn.childLeft(element.value.flowScopeKey);
}
