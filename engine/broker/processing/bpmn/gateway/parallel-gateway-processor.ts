/** Parallel gateway: activated once every incoming flow has a token (join), then takes every outgoing flow (fork). */
import type { BpmnElementProcessor } from '../element-processor.ts';

export const parallelGatewayProcessor: BpmnElementProcessor = {
  onActivate(element, bpmn) {
    bpmn.transitions.activating(element);
    bpmn.transitions.activated(element);
    bpmn.transitions.completing(element);
    bpmn.transitions.completed(element);
    bpmn.flows.takeOutgoing(element);
  },
  onComplete(element, bpmn) {
    bpmn.completeAndLeave(element);
  },
  onTerminate(element, bpmn) {
    bpmn.terminateLeaf(element);
  },
};
