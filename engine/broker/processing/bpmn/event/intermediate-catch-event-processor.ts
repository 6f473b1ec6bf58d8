/**
 * Timer and message intermediate catch events: activation opens the timer or subscription and waits;
 * the trigger completes the event. Reached from an event-based gateway, the event already happened
 * and the element completes at once.
 */
import type { BpmnElementProcessor } from '../element-processor.ts';

export const intermediateCatchEventProcessor: BpmnElementProcessor = {
  onActivate(element, bpmn) {
    bpmn.transitions.activating(element);
    if (!bpmn.applyInputMappings(element)) return;
    if (bpmn.events.enteredThroughGateway(element)) {
      bpmn.transitions.activated(element);
      bpmn.transitions.completeElement(element);
      return;
    }
    const subscribed = bpmn.events.subscribe(element);
    if (!subscribed.ok) {
      bpmn.incidents.create(element, 'EXTRACT_VALUE_ERROR', subscribed.message);
      return;
    }
    bpmn.transitions.activated(element);
  },
  onComplete(element, bpmn) {
    bpmn.completeAndLeave(element);
  },
  onTerminate(element, bpmn) {
    bpmn.terminateLeaf(element);
  },
};
