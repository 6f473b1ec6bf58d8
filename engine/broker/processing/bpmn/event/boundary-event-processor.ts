/** Boundary events: activated once triggered (the event already happened), they complete at once and take their flows. */
import type { BpmnElementProcessor } from '../element-processor.ts';

export const boundaryEventProcessor: BpmnElementProcessor = {
  onActivate(element, bpmn) {
    bpmn.transitions.activating(element);
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
