/** Activation shared by intermediate throw and end events once their input mappings are applied. */
import type { BpmnBehaviors } from '../behavior/bpmn-behaviors.ts';
import type { ElementContext } from '../element-processor.ts';
import { activateEscalationThrow } from './escalation-throw.ts';
import { broadcastThrownSignal } from './signal-throw.ts';

/**
 * Signal: broadcast, then continue; escalation: thrown to the enclosing scopes (completes when it
 * does not interrupt); none: activated and completed at once.
 */
export function activateThrowEvent(element: ElementContext, bpmn: BpmnBehaviors): void {
  if (element.element.eventType === 'SIGNAL' && !broadcastThrownSignal(element, bpmn)) return;
  if (element.element.eventType === 'ESCALATION') {
    if (activateEscalationThrow(element, bpmn)) bpmn.transitions.completeElement(element);
    return;
  }
  bpmn.activateAndComplete(element);
}
