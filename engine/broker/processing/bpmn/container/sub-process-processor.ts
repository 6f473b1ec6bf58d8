/**
 * Embedded sub-process: a scope of its own (input mappings create local variables), entered at its
 * none start event, completed when none of its paths is left (output mappings then apply). Its event
 * sub-processes wait for their events while it is active.
 */
import type { BpmnContainerProcessor } from '../element-processor.ts';
import { containerChildLeft, terminateContainer } from './container-termination.ts';

export const subProcessProcessor: BpmnContainerProcessor = {
  onActivate(element, bpmn) {
    bpmn.transitions.activating(element);
    if (!bpmn.applyInputMappings(element)) return;
    // Its boundary events and the start events of its event sub-processes open when its start event
    // completes (start-event-processor.ts, as Zeebe's StartEventProcessor).
    bpmn.transitions.activated(element);
    const start = bpmn.ctx.state.models.element(element.value.processDefinitionKey, element.element.noneStartEventId ?? '');
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
