/**
 * Zeebe rejects a modification or start instructions when a flow scope it would create cannot
 * subscribe to its catch events (a timer or correlation key that does not evaluate): this checks
 * the boundary events and event sub-process starts of a scope before anything is written.
 */
import type { EvaluationResult, ExecutableElement, Variables } from '../../../model/index.ts';
import { scheduleTimer, signalNameOf } from '../../bpmn/behavior/event-behavior.ts';
import { eventSubProcessStarts } from '../../bpmn/behavior/event-sub-process-behavior.ts';
import type { BpmnBehaviors } from '../../bpmn/behavior/bpmn-behaviors.ts';

/** Zeebe's rejection reason when a created scope could not subscribe, or undefined when it can. */
export function subscriptionFailure(bpmn: BpmnBehaviors, processDefinitionKey: number, scope: ExecutableElement, variables: Variables): string | undefined {
  const { state, now } = bpmn.ctx;
  const boundaries = (scope.boundaryEventIds ?? []).map((id) => state.models.element(processDefinitionKey, id)).filter((e) => e !== undefined);
  for (const target of [...boundaries, ...eventSubProcessStarts(state, processDefinitionKey, scope)]) {
    let result: EvaluationResult<unknown> = { ok: true, value: true };
    if (target.eventType === 'TIMER') result = scheduleTimer(target, variables, now);
    else if (target.eventType === 'MESSAGE') result = bpmn.events.messageOf(target, variables);
    else if (target.eventType === 'SIGNAL') result = signalNameOf(target, variables);
    if (!result.ok) return `Expected to subscribe to catch event(s) of '${scope.id}' but ${result.message}`;
  }
  return undefined;
}
