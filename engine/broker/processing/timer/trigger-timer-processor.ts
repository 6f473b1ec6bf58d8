/** TIMER TRIGGER (from the due-date checker): a due timer triggers its catch event, boundary event or start event. */
import { evaluateTimerCycle, nextRepetition, type Variables } from '../../model/index.ts';
import type { TimerValue } from '../../protocol/event-records.ts';
import { isInterruptingCatch } from '../bpmn/behavior/event-sub-process-behavior.ts';
import { bpmnBehaviors } from '../bpmn/bpmn-context.ts';
import type { CommandProcessor } from '../command-processor.ts';
import type { ProcessingContext } from '../processing-context.ts';
import { startProcessAtEvent } from './start-event-instances.ts';

/** The timer of the next repetition of a cycle, if one remains. */
function repetitionOf(ctx: ProcessingContext, timer: TimerValue, variables: Variables): TimerValue | undefined {
  const target = ctx.state.models.element(timer.processDefinitionKey, timer.targetElementId);
  if (target?.timer?.kind !== 'timeCycle') return undefined;
  const cycle = evaluateTimerCycle(target.timer.expression, variables);
  if (!cycle.ok) return undefined;
  const next = nextRepetition({ ...cycle.value, repetitions: timer.repetitions }, timer.dueDate);
  return next ? { ...timer, dueDate: next.dueDate, repetitions: next.cycle.repetitions } : undefined;
}

export const triggerTimerProcessor: CommandProcessor<'TIMER'> = (command, ctx) => {
  const key = command.key;
  const timer = ctx.state.events.timer(key);
  if (!timer) {
    ctx.reject('NOT_FOUND', `Expected to trigger timer with key '${key}', but no such timer was found`);
    return;
  }
  if (timer.elementInstanceKey <= 0) {
    ctx.event(key, 'TIMER', 'TRIGGERED', timer);
    startProcessAtEvent(ctx, timer.processDefinitionKey, timer.targetElementId, {});
    const next = repetitionOf(ctx, timer, {});
    if (next) ctx.event(ctx.nextKey(), 'TIMER', 'CREATED', next);
    return;
  }
  const bpmn = bpmnBehaviors(ctx);
  const scope = bpmn.elementContext(timer.elementInstanceKey);
  const target = ctx.state.models.element(timer.processDefinitionKey, timer.targetElementId);
  if (!scope || !target || ctx.state.elementInstances.get(scope.key)?.state !== 'ELEMENT_ACTIVATED') {
    ctx.reject(
      'INVALID_STATE',
      `Expected to trigger timer with key '${key}', but its element instance '${timer.elementInstanceKey}' is not active`,
    );
    return;
  }
  ctx.event(key, 'TIMER', 'TRIGGERED', timer);
  // Non-interrupting boundary events and event sub-process starts repeat their cycles.
  if (!isInterruptingCatch(target)) {
    const next = repetitionOf(ctx, timer, ctx.state.variables.collect(scope.key));
    if (next) ctx.event(ctx.nextKey(), 'TIMER', 'CREATED', next);
  }
  bpmn.events.trigger(scope, target, {});
};
