/**
 * Start events inside a process: activate and complete at once, like a pass-through task. The
 * variables of the event that started the instance (a message start event with output mappings)
 * are local to the start event, and only the mapped ones reach the process.
 */
import { leafProcessor } from '../leaf-processor.ts';

export const startEventProcessor = leafProcessor((element, bpmn) => {
  if (!bpmn.activatingWithInputs(element)) return;
  bpmn.events.applyEventTrigger(element);
  bpmn.activateAndComplete(element);
});
