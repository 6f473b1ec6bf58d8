/**
 * Compensation intermediate throw and end events (Zeebe 8.5+): activated without input mappings, they
 * trigger compensation (see CompensationBehavior) and stay ELEMENT_ACTIVATED until every handler they
 * invoked completed (`waitForCompletion` is always true; false is rejected at deploy); with nothing to
 * compensate they complete at once. No output mappings either, as in Zeebe.
 */
import type { BpmnBehaviors } from '../behavior/bpmn-behaviors.ts';
import type { ElementContext } from '../element-processor.ts';

/** Activates a compensation throw or end event and triggers compensation. */
export function activateCompensationThrow(element: ElementContext, bpmn: BpmnBehaviors): void {
  bpmn.transitions.activating(element);
  bpmn.transitions.activated(element);
  if (!bpmn.compensations.trigger(element)) bpmn.transitions.completeElement(element);
}

/** Completes a compensation throw or end event: completing, completed, its outgoing flows (none for an end event). */
export function completeCompensationThrow(element: ElementContext, bpmn: BpmnBehaviors): void {
  bpmn.transitions.completing(element);
  bpmn.transitions.completed(element);
  bpmn.flows.takeOutgoing(element);
}
