/** Intermediate throw events: none (pass through) and signal (broadcast, then continue). */
import type { BpmnElementProcessor } from '../element-processor.ts';
import { broadcastThrownSignal } from './signal-throw.ts';

export const intermediateThrowEventProcessor: BpmnElementProcessor = {
  onActivate(element, bpmn) {
    bpmn.transitions.activating(element);
    if (!bpmn.applyInputMappings(element)) return;
    if (element.element.eventType === 'SIGNAL' && !broadcastThrownSignal(element, bpmn)) return;
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
