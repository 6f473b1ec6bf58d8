/** Receive tasks: wait for their message (and boundary events); the correlated message completes them. */
import type { BpmnElementProcessor } from '../element-processor.ts';

export const receiveTaskProcessor: BpmnElementProcessor = {
  onActivate(element, bpmn) {
    bpmn.transitions.activating(element);
    if (!bpmn.applyInputMappings(element)) return;
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
