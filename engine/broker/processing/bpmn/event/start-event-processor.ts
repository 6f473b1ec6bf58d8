/** None start event: activates and completes at once. */
import type { BpmnElementProcessor } from '../element-processor.ts';

export const startEventProcessor: BpmnElementProcessor = {
  onActivate(element, bpmn) {
    bpmn.transitions.activating(element);
    if (!bpmn.applyInputMappings(element)) return;
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
