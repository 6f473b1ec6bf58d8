/** How a process instance created by a call activity reports back to it. */
import type { VariableDocument } from '../../../protocol/record.ts';
import type { BpmnBehaviors } from '../behavior/bpmn-behaviors.ts';
import type { ElementContext } from '../element-processor.ts';

/** The child completed: its variables go to the call activity (unless disabled), which then completes. */
export function calledInstanceCompleted(child: ElementContext, childVariables: VariableDocument, bpmn: BpmnBehaviors): void {
  if (child.value.parentElementInstanceKey <= 0) return;
  const caller = bpmn.elementContext(child.value.parentElementInstanceKey);
  const state = bpmn.ctx.state.elementInstances.get(child.value.parentElementInstanceKey)?.state;
  if (!caller || state !== 'ELEMENT_ACTIVATED') return;
  // With output mappings the child's variables become local to the call activity and only the
  // mapped ones propagate; without, all of them propagate unless propagateAllChildVariables is false.
  if (caller.element.outputMappings.length > 0) bpmn.variables.mergeLocal(caller.key, childVariables, caller.value);
  else if (caller.element.calledElement?.propagateAllChildVariables !== false) bpmn.variables.mergePropagating(caller.key, childVariables, caller.value);
  bpmn.transitions.completeElement(caller);
}

/** The child was terminated because its call activity is being terminated: the call activity is now terminated. */
export function calledInstanceTerminated(child: ElementContext, bpmn: BpmnBehaviors): void {
  if (child.value.parentElementInstanceKey <= 0) return;
  const caller = bpmn.elementContext(child.value.parentElementInstanceKey);
  const state = bpmn.ctx.state.elementInstances.get(child.value.parentElementInstanceKey)?.state;
  if (!caller || state !== 'ELEMENT_TERMINATING') return;
  bpmn.transitions.terminated(caller);
  // An interrupting boundary event of the call activity takes over its path.
  if (bpmn.events.activateTriggeredBoundary(caller)) return;
  bpmn.childLeft(caller.value.flowScopeKey);
}
