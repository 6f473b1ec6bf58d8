/**
 * Event-based gateway: opens the timers and message subscriptions of the catch events after it; the
 * first event to happen completes the gateway, which takes only the flow to that event.
 */
import type { BpmnElementProcessor } from '../element-processor.ts';

export const eventBasedGatewayProcessor: BpmnElementProcessor = {
  onActivate(element, bpmn) {
    bpmn.transitions.activating(element);
    const subscribed = bpmn.events.subscribe(element);
    if (!subscribed.ok) {
      bpmn.incidents.create(element, 'EXTRACT_VALUE_ERROR', subscribed.message);
      return;
    }
    bpmn.transitions.activated(element);
  },
  onComplete(element, bpmn) {
    const flowId = bpmn.events.takeGatewayTrigger(element);
    bpmn.events.unsubscribe(element.key);
    bpmn.transitions.completing(element);
    bpmn.transitions.completed(element);
    bpmn.flows.takeOutgoing(element, flowId ? [flowId] : []);
  },
  onTerminate(element, bpmn) {
    bpmn.terminateLeaf(element);
  },
};
