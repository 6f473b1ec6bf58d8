/** Signal throw and end events broadcast their signal; its variables are the event's local variables (after input mappings). */
import type { BpmnBehaviors } from '../behavior/bpmn-behaviors.ts';
import { signalNameOf } from '../behavior/event-behavior.ts';
import type { ElementContext } from '../element-processor.ts';

/** Writes SIGNAL BROADCAST for a signal throw or end event; false (with an incident) when the name cannot be evaluated. */
export function broadcastThrownSignal(element: ElementContext, bpmn: BpmnBehaviors): boolean {
  const name = signalNameOf(element.element, bpmn.ctx.state.variables.collect(element.key));
  if (!name.ok) {
    bpmn.incidents.create(element, 'EXTRACT_VALUE_ERROR', name.message);
    return false;
  }
  const local = bpmn.ctx.state.variables.local(element.key);
  const variables: Record<string, unknown> = {};
  for (const [variable, stored] of local ?? []) variables[variable] = JSON.parse(stored.json) as unknown;
  bpmn.ctx.followUp(-1, 'SIGNAL', 'BROADCAST', { signalName: name.value, variables, tenantId: element.value.tenantId });
  return true;
}
