/**
 * Timer and message intermediate catch events: activation opens the timer or subscription and waits;
 * the trigger completes the event. Reached from an event-based gateway, the event already happened
 * and the element completes at once.
 */
import { leafProcessor } from '../leaf-processor.ts';
import { activateLinkEvent } from './link-event.ts';

export const intermediateCatchEventProcessor = leafProcessor((element, bpmn) => {
  // A link catch event is entered from its link throw event: activated and completed at once, no input mappings (as Zeebe).
  if (element.element.eventType === 'LINK') {
    activateLinkEvent(element, bpmn);
    return;
  }
  if (!bpmn.activatingWithInputs(element)) return;
  if (bpmn.events.enteredThroughGateway(element)) {
    bpmn.events.applyEventTrigger(element); // the gateway's event variables, held when this event has output mappings
    bpmn.activateAndComplete(element);
  }
  else bpmn.subscribeAndWait(element);
});
