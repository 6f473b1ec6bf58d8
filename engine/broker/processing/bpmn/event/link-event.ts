/**
 * Link events (Zeebe's link throw and catch behaviour): a link throw event is activated and completed
 * at once (no input mappings), then, instead of taking sequence flows, activates the link catch event
 * of the same name in its flow scope; the catch event is activated and completed at once and takes
 * its outgoing flows.
 */
import type { ExecutableElement } from '../../../model/index.ts';
import type { BpmnBehaviors } from '../behavior/bpmn-behaviors.ts';
import type { ElementContext } from '../element-processor.ts';

/** The link catch event a link throw event continues at (same name, same flow scope). */
export function linkCatchOf(throwEvent: ExecutableElement, bpmn: BpmnBehaviors, processDefinitionKey: number): ExecutableElement | undefined {
  const model = bpmn.ctx.state.models.get(processDefinitionKey);
  const scope = model?.elements.get(throwEvent.flowScopeId ?? '');
  for (const id of scope?.childIds ?? []) {
    const candidate = model?.elements.get(id);
    if (candidate?.type === 'INTERMEDIATE_CATCH_EVENT' && candidate.eventType === 'LINK' && candidate.linkName === throwEvent.linkName) return candidate;
  }
  return undefined;
}

/** Activation of a link throw or catch event: ACTIVATING, ACTIVATED, then COMPLETE_ELEMENT. */
export function activateLinkEvent(element: ElementContext, bpmn: BpmnBehaviors): void {
  bpmn.transitions.activating(element);
  bpmn.activateAndComplete(element);
}

/** Completion of a link throw event: COMPLETING, output mappings, COMPLETED, then the link catch event is activated. */
export function completeLinkThrow(element: ElementContext, bpmn: BpmnBehaviors): void {
  bpmn.transitions.completing(element);
  if (!bpmn.applyOutputMappings(element)) return;
  bpmn.transitions.completed(element);
  const target = linkCatchOf(element.element, bpmn, element.value.processDefinitionKey);
  // Deploy validation guarantees the catch event; without one the path ends like an end event.
  if (target) bpmn.flows.activate(element.value, element.value.flowScopeKey, target);
  else bpmn.childLeft(element.value.flowScopeKey);
}
