/**
 * SIGNAL BROADCAST (BroadcastSignal RPC, signal throw and end events): every open subscription of the
 * signal name is triggered — catch and boundary events of active instances, and start events.
 */
import { isInterruptingCatch } from '../bpmn/behavior/event-sub-process-behavior.ts';
import { bpmnBehaviors } from '../bpmn/bpmn-context.ts';
import type { CommandProcessor } from '../command-processor.ts';
import { DEFAULT_TENANT } from '../../protocol/record.ts';
import { startProcessAtEvent } from '../timer/start-event-instances.ts';

export const broadcastSignalProcessor: CommandProcessor<'SIGNAL'> = (command, ctx) => {
  const key = ctx.nextKey();
  const value = { ...command.value, tenantId: command.value.tenantId || DEFAULT_TENANT };
  ctx.event(key, 'SIGNAL', 'BROADCASTED', value);
  const bpmn = bpmnBehaviors(ctx);
  const signals = ctx.state.events.signals;
  const triggered = new Set<number>();
  for (const subscription of signals.subscriptionsFor(value.signalName)) {
    // An earlier trigger of this broadcast may have closed it (e.g. the other events of an event-based gateway).
    if (!signals.has(subscription.key)) continue;
    const { catchEventInstanceKey, processDefinitionKey, catchEventId } = subscription.value;
    if (catchEventInstanceKey <= 0) {
      startProcessAtEvent(ctx, processDefinitionKey, catchEventId, value.variables);
      continue;
    }
    if (triggered.has(catchEventInstanceKey)) continue;
    const scope = bpmn.elementContext(catchEventInstanceKey);
    const target = ctx.state.models.element(processDefinitionKey, catchEventId);
    if (!scope || !target || ctx.state.elementInstances.get(scope.key)?.state !== 'ELEMENT_ACTIVATED') continue;
    const interrupting = isInterruptingCatch(target);
    // An interrupting trigger closes every subscription of the element instance, this one included.
    if (interrupting) triggered.add(catchEventInstanceKey);
    bpmn.events.trigger(scope, target, value.variables);
  }
  ctx.respond({ key, tenantId: value.tenantId });
};
