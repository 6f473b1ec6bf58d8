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
    const trigger = bpmn.events.takeGatewayTrigger(element);
    bpmn.events.unsubscribe(element.key);
    bpmn.transitions.completing(element);
    bpmn.transitions.completed(element);
    const [eventKey] = bpmn.flows.takeOutgoing(element, trigger?.flowId ? [trigger.flowId] : []);
    // A catch event with output mappings gets the event's variables as its own (only the mapped ones reach the scope).
    if (trigger?.held && eventKey !== undefined) bpmn.events.holdEventVariables(eventKey, { ...element.value, elementId: trigger.targetElementId }, trigger.held);
  },
  onTerminate(element, bpmn) {
    bpmn.terminateLeaf(element);
  },
};
