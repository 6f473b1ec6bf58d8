/**
 * End events: activate, complete and end their path; the scope completes when no path is left. A
 * message end event waits for its job first (Zeebe's job-based message throw).
 */
import { leafProcessor } from '../leaf-processor.ts';
import { activateCompensationThrow, completeCompensationThrow } from './compensation-throw.ts';
import { activateErrorEndEvent } from './error-end-event.ts';
import { activateMessageThrow } from './message-throw.ts';
import { completeTerminateEndEvent } from './terminate-end-event.ts';
import { activateThrowEvent } from './throw-event.ts';

export const endEventProcessor = leafProcessor(
  (element, bpmn) => {
    if (element.element.eventType === 'COMPENSATION') {
      activateCompensationThrow(element, bpmn);
      return;
    }
    if (!bpmn.activatingWithInputs(element)) return;
    if (element.element.eventType === 'ERROR') activateErrorEndEvent(element, bpmn);
    else if (element.element.eventType === 'MESSAGE') activateMessageThrow(element, bpmn);
    else activateThrowEvent(element, bpmn);
  },
  (element, bpmn) => {
    if (element.element.eventType === 'TERMINATE') completeTerminateEndEvent(element, bpmn);
    else if (element.element.eventType === 'COMPENSATION') completeCompensationThrow(element, bpmn);
    else bpmn.completeAndLeave(element);
  },
);
