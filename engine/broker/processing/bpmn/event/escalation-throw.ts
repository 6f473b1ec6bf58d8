/** Escalation throw and end events: throw their escalation code to the enclosing scopes. */
import { evaluateString } from '../../../model/index.ts';
import type { BpmnBehaviors } from '../behavior/bpmn-behaviors.ts';
import type { ElementContext } from '../element-processor.ts';

/**
 * Activates an escalation throw or end event and throws its escalation. Returns true when the event
 * should go on (complete); false when an interrupting boundary took over (or the code failed, with an incident).
 */
export function activateEscalationThrow(element: ElementContext, bpmn: BpmnBehaviors): boolean {
  const code = element.element.escalation?.escalationCode;
  const evaluated = code ? evaluateString(code, bpmn.ctx.state.variables.collect(element.key)) : { ok: true as const, value: '' };
  if (!evaluated.ok) {
    bpmn.incidents.create(element, 'EXTRACT_VALUE_ERROR', evaluated.message);
    return false;
  }
  bpmn.transitions.activated(element);
  return !bpmn.events.throwEscalation(element, evaluated.value);
}
