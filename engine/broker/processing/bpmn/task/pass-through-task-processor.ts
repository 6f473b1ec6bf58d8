/** Manual and undefined tasks (and none start events): nothing to wait for, they complete at once. */
import { leafProcessor } from '../leaf-processor.ts';

export const passThroughTaskProcessor = leafProcessor((element, bpmn) => {
  if (bpmn.activatingWithInputs(element)) bpmn.activateAndComplete(element);
});
