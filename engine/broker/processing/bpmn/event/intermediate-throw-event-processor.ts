/** Intermediate throw events: none (pass through), signal (broadcast, then continue), escalation (thrown to the enclosing scopes). */
import type { BpmnElementProcessor } from '../element-processor.ts';
import { activateEscalationThrow } from './escalation-throw.ts';
import { broadcastThrownSignal } from './signal-throw.ts';

export const intermediateThrowEventProcessor: BpmnElementProcessor = {
  onActivate(element, bpmn) {
    bpmn.transitions.activating(element);
    if (!bpmn.applyInputMappings(element)) return;
    if (element.element.eventType === 'SIGNAL' && !broadcastThrownSignal(element, bpmn)) return;
    if (element.element.eventType === 'ESCALATION') {
      if (activateEscalationThrow(element, bpmn)) bpmn.transitions.completeElement(element);
      return;
    }
    bpmn.transitions.activated(element);
    bpmn.transitions.completeElement(element);
  },
  onComplete(element, bpmn) {
    bpmn.completeAndLeave(element);
  },
  onTerminate(element, bpmn) {
    bpmn.terminateLeaf(element);
  },
};
