/**
 * Timer and message intermediate catch events: activation opens the timer or subscription and waits;
 * the trigger completes the event. Reached from an event-based gateway, the event already happened
 * and the element completes at once.
 */
import { leafProcessor } from '../leaf-processor.ts';

export const intermediateCatchEventProcessor = leafProcessor((element, bpmn) => {
  if (!bpmn.activatingWithInputs(element)) return;
  if (bpmn.events.enteredThroughGateway(element)) bpmn.activateAndComplete(element);
  else bpmn.subscribeAndWait(element);
});
