/** None end event: activates, completes and ends its path; the scope completes when no path is left. */
import type { BpmnElementProcessor } from '../element-processor.ts';
import { activateErrorEndEvent } from './error-end-event.ts';
import { activateEscalationThrow } from './escalation-throw.ts';
import { broadcastThrownSignal } from './signal-throw.ts';
import { completeTerminateEndEvent } from './terminate-end-event.ts';

export const endEventProcessor: BpmnElementProcessor = {
  onActivate(element, bpmn) {
    bpmn.transitions.activating(element);
    if (!bpmn.applyInputMappings(element)) return;
    if (element.element.eventType === 'ERROR') {
      activateErrorEndEvent(element, bpmn);
      return;
    }
    if (element.element.eventType === 'SIGNAL' && !broadcastThrownSignal(element, bpmn)) return;
    if (element.element.eventType === 'ESCALATION') {
      if (activateEscalationThrow(element, bpmn)) bpmn.transitions.completeElement(element);
      return;
    }
    bpmn.transitions.activated(element);
    bpmn.transitions.completeElement(element);
  },
  onComplete(element, bpmn) {
    if (element.element.eventType === 'TERMINATE') completeTerminateEndEvent(element, bpmn);
    else bpmn.completeAndLeave(element);
  },
  onTerminate(element, bpmn) {
    bpmn.terminateLeaf(element);
  },
};
