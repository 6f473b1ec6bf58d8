/**
 * Event sub-process (Zeebe's EVENT_SUB_PROCESS): a scope of its own inside a process or sub-process.
 * A trigger normally activates it directly (EventSubProcessBehavior, which hands the event variables
 * to its start event); this processor covers the rest of its lifecycle: activation again after an
 * input-mapping incident (then its start event runs without event variables), completion (output
 * mappings, then the enclosing scope is told: an interrupted scope completes with it), termination.
 */
import type { BpmnContainerProcessor } from '../element-processor.ts';
import { containerChildLeft, terminateContainer } from './container-termination.ts';

export const eventSubProcessProcessor: BpmnContainerProcessor = {
  onActivate(element, bpmn) {
    if (!bpmn.activatingWithInputs(element)) return;
    // Event sub-processes of its own open when its start event completes (start-event-processor.ts).
    bpmn.transitions.activated(element);
    const start = element.element.childIds
      .map((id) => bpmn.ctx.state.models.element(element.value.processDefinitionKey, id))
      .find((child) => child?.type === 'START_EVENT');
    if (start) bpmn.flows.activate(element.value, element.key, start);
    else bpmn.transitions.completeElement(element);
  },
  onComplete(element, bpmn) {
    bpmn.completeAndLeave(element);
  },
  onTerminate(element, bpmn) {
    terminateContainer(element, bpmn);
  },
  onChildLeft(scope, bpmn) {
    containerChildLeft(scope, bpmn);
  },
};
