/** Parallel gateway: activated once every incoming flow has a token (join), then takes every outgoing flow (fork). */
import { leafProcessor } from '../leaf-processor.ts';

export const parallelGatewayProcessor = leafProcessor((element, bpmn) => {
  bpmn.transitions.activating(element);
  bpmn.transitions.activated(element);
  bpmn.transitions.completing(element);
  bpmn.transitions.completed(element);
  bpmn.flows.takeOutgoing(element);
});
