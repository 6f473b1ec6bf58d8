/** A small base for leaf elements (no children): the usual completion and termination around an element's own activation. */
import type { BpmnElementProcessor } from './element-processor.ts';

/**
 * Builds a leaf element processor from its activation; completion defaults to
 * `completeAndLeave`, termination is always `terminateLeaf`.
 */
export function leafProcessor(
  onActivate: BpmnElementProcessor['onActivate'],
  onComplete: BpmnElementProcessor['onComplete'] = (element, bpmn) => bpmn.completeAndLeave(element),
): BpmnElementProcessor {
  return {
    onActivate,
    onComplete,
    onTerminate(element, bpmn) {
      bpmn.terminateLeaf(element);
    },
  };
}
