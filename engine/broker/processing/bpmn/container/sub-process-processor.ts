/**
 * Embedded sub-process: a scope of its own (input mappings create local variables), entered at its
 * none start event, completed when none of its paths is left (output mappings then apply).
 */
import type { BpmnContainerProcessor } from '../element-processor.ts';
import { containerChildLeft, terminateContainer } from './container-termination.ts';

export const subProcessProcessor: BpmnContainerProcessor = {
  onActivate(element, bpmn) {
    bpmn.transitions.activating(element);
    if (!bpmn.applyInputMappings(element)) return;
    const boundaries = bpmn.events.subscribe(element);
    if (!boundaries.ok) {
      bpmn.incidents.create(element, 'EXTRACT_VALUE_ERROR', boundaries.message);
      return;
    }
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
