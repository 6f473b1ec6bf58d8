/**
 * Start events inside a process, sub-process or event sub-process: activate and complete at once,
 * like a pass-through task. The variables of the event that started the instance (a message start
 * event with output mappings) are local to the start event, and only the mapped ones reach the
 * process. Completing a start event opens the catch events of its flow scope (a sub-process's
 * boundary events, the start events of the scope's event sub-processes), as Zeebe's
 * StartEventProcessor does; when one cannot be opened (a FEEL timer or correlation key fails) the
 * incident is raised on the start event, and resolving it completes the start event again.
 */
import { leafProcessor } from '../leaf-processor.ts';

export const startEventProcessor = leafProcessor(
  (element, bpmn) => {
    if (!bpmn.activatingWithInputs(element)) return;
    bpmn.events.applyEventTrigger(element);
    bpmn.activateAndComplete(element);
  },
  (element, bpmn) => {
    bpmn.transitions.completing(element);
    if (!bpmn.applyOutputMappings(element)) return;
    const scope = bpmn.elementContext(element.value.flowScopeKey);
    if (scope) {
      const opened = bpmn.eventSubProcesses.subscribe(scope);
      if (!opened.ok) {
        bpmn.incidents.create(element, 'EXTRACT_VALUE_ERROR', opened.message);
        return;
      }
    }
    bpmn.transitions.completed(element);
    bpmn.flows.takeOutgoing(element);
  },
);
