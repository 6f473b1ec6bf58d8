/** Boundary events: activated once triggered (the event already happened), they complete at once and take their flows. */
import { leafProcessor } from '../leaf-processor.ts';

export const boundaryEventProcessor = leafProcessor((element, bpmn) => {
  bpmn.transitions.activating(element);
  bpmn.events.applyEventTrigger(element); // held event variables (output mappings): local to the boundary event
  bpmn.transitions.activated(element);
  bpmn.transitions.completeElement(element);
});
