/**
 * Intermediate throw events: none (pass through), signal (broadcast, then continue), escalation
 * (thrown to the enclosing scopes), message (a job, like a send task), link (continues at the link
 * catch event of the same name in the same flow scope).
 */
import { leafProcessor } from '../leaf-processor.ts';
import { activateCompensationThrow, completeCompensationThrow } from './compensation-throw.ts';
import { activateLinkEvent, completeLinkThrow } from './link-event.ts';
import { activateMessageThrow } from './message-throw.ts';
import { activateThrowEvent } from './throw-event.ts';

export const intermediateThrowEventProcessor = leafProcessor(
  (element, bpmn) => {
    if (element.element.eventType === 'LINK') {
      activateLinkEvent(element, bpmn);
      return;
    }
    if (element.element.eventType === 'COMPENSATION') {
      activateCompensationThrow(element, bpmn);
      return;
    }
    if (!bpmn.activatingWithInputs(element)) return;
    if (element.element.eventType === 'MESSAGE') activateMessageThrow(element, bpmn);
    else activateThrowEvent(element, bpmn);
  },
  (element, bpmn) => {
    if (element.element.eventType === 'LINK') completeLinkThrow(element, bpmn);
    else if (element.element.eventType === 'COMPENSATION') completeCompensationThrow(element, bpmn);
    else bpmn.completeAndLeave(element);
  },
);
