/** Intermediate throw events: none (pass through), signal (broadcast, then continue), escalation (thrown to the enclosing scopes). */
import { leafProcessor } from '../leaf-processor.ts';
import { activateThrowEvent } from './throw-event.ts';

export const intermediateThrowEventProcessor = leafProcessor((element, bpmn) => {
  if (bpmn.activatingWithInputs(element)) activateThrowEvent(element, bpmn);
});
