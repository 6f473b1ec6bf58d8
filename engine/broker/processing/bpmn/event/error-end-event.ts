/** Error end events: throw their error to the nearest catching boundary event of an enclosing scope, or raise an incident. */
import { evaluateString } from '../../../model/index.ts';
import type { BpmnBehaviors } from '../behavior/bpmn-behaviors.ts';
import type { ElementContext } from '../element-processor.ts';

/** Activates an error end event: ACTIVATED, then the error is thrown from its flow scope. */
export function activateErrorEndEvent(element: ElementContext, bpmn: BpmnBehaviors): void {
  const code = element.element.error?.errorCode;
  const evaluated = code ? evaluateString(code, bpmn.ctx.state.variables.collect(element.key)) : { ok: true as const, value: '' };
  if (!evaluated.ok) {
    bpmn.incidents.create(element, 'EXTRACT_VALUE_ERROR', evaluated.message);
    return;
  }
  bpmn.transitions.activated(element);
  if (!bpmn.events.throwError(element.value.flowScopeKey, evaluated.value, {})) {
    bpmn.incidents.create(
      element,
      'UNHANDLED_ERROR_EVENT',
      bpmn.events.unhandledErrorMessage(element.value.flowScopeKey, evaluated.value),
    );
  }
}
