/**
 * Message start events (Zeebe's message events page): a published message starts an instance at a
 * matching message start event of the latest version. With a correlation key, only one instance per
 * process and key is active at a time: a message for a key whose instance is still active stays
 * buffered (within its time to live), and when that instance completes or is terminated the oldest
 * such buffered message starts the next one. Messages published before the process was deployed
 * start nothing (deploying does not look at buffered messages).
 */
import type { MessageStartEventSubscriptionValue, MessageValue } from '../../protocol/event-records.ts';
import type { ProcessingContext } from '../processing-context.ts';
import { startProcessAtEvent } from '../timer/start-event-instances.ts';

/** Whether a message with this correlation key may start an instance of the process now (no active instance owns the key). */
export function mayStartFor(ctx: ProcessingContext, bpmnProcessId: string, correlationKey: string): boolean {
  if (correlationKey === '') return true;
  const owner = ctx.state.events.startCorrelationOwner(bpmnProcessId, correlationKey);
  return owner === undefined || ctx.state.elementInstances.get(owner) === undefined;
}

/** Correlates a message to a message start event: MESSAGE_START_EVENT_SUBSCRIPTION CORRELATED and a new instance at that start event. */
export function startByMessage(ctx: ProcessingContext, start: MessageStartEventSubscriptionValue, messageKey: number, message: Pick<MessageValue, 'correlationKey' | 'variables'>): void {
  const processInstanceKey = ctx.nextKey();
  ctx.event(ctx.nextKey(), 'MESSAGE_START_EVENT_SUBSCRIPTION', 'CORRELATED', {
    ...start,
    messageKey,
    correlationKey: message.correlationKey,
    variables: message.variables,
    processInstanceKey,
  });
  startProcessAtEvent(ctx, start.processDefinitionKey, start.startEventId, message.variables, processInstanceKey);
}

/**
 * The correlation key a process instance holds because a message start event created it for that
 * key; read it before the instance's ELEMENT_COMPLETED / ELEMENT_TERMINATED, which releases it.
 */
export function heldCorrelationKey(ctx: ProcessingContext, processInstanceKey: number, bpmnProcessId: string): string | undefined {
  const correlationKey = ctx.state.events.startCorrelationKeyOf(processInstanceKey);
  if (correlationKey === undefined || ctx.state.events.startCorrelationOwner(bpmnProcessId, correlationKey) !== processInstanceKey) return undefined;
  return correlationKey;
}

/**
 * A process instance that held `correlationKey` (see {@link heldCorrelationKey}) ended: the oldest
 * live buffered message with that key and the name of a message start event of the process's latest
 * version (not yet correlated to the process) starts the next instance.
 */
export function startNextBufferedInstance(ctx: ProcessingContext, correlationKey: string | undefined, bpmnProcessId: string): void {
  if (correlationKey === undefined) return;
  const events = ctx.state.events;
  const latest = ctx.state.deployments.latestProcess(bpmnProcessId);
  if (!latest) return;
  let next: { start: MessageStartEventSubscriptionValue; messageKey: number; message: MessageValue } | undefined;
  for (const start of events.startSubscriptionsOf(latest.processDefinitionKey)) {
    for (const messageKey of events.messagesFor(start.messageName, correlationKey)) {
      const message = events.message(messageKey);
      if (!message || message.deadline <= ctx.now || events.correlatedTo(messageKey, bpmnProcessId)) continue;
      if (!next || messageKey < next.messageKey) next = { start, messageKey, message };
      break;
    }
  }
  if (next) startByMessage(ctx, next.start, next.messageKey, next.message);
}
