/** Receive tasks: wait for their message (and boundary events); the correlated message completes them. */
import { leafProcessor } from '../leaf-processor.ts';

export const receiveTaskProcessor = leafProcessor((element, bpmn) => {
  if (bpmn.activatingWithInputs(element)) bpmn.subscribeAndWait(element);
});
