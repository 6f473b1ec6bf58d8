/**
 * Message throw events (intermediate throw and end events with a message definition): in Zeebe they
 * are job-based like a send task. Activation applies the input mappings and creates a job from
 * `zeebe:taskDefinition`; completing the job completes the event (an end event then ends its path).
 */
import type { BpmnBehaviors } from '../behavior/bpmn-behaviors.ts';
import type { ElementContext } from '../element-processor.ts';

/** Creates the job of a message throw event and waits (ELEMENT_ACTIVATED); an incident when the job properties fail. */
export function activateMessageThrow(element: ElementContext, bpmn: BpmnBehaviors): void {
  const job = bpmn.jobs.create(element);
  if (!job.ok) {
    bpmn.incidents.create(element, 'EXTRACT_VALUE_ERROR', job.message);
    return;
  }
  bpmn.transitions.activated(element);
}
