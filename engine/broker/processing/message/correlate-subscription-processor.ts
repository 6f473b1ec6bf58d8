/** PROCESS_MESSAGE_SUBSCRIPTION CORRELATE: a published message reaches an open subscription and triggers its element. */
import { bpmnBehaviors } from '../bpmn/bpmn-context.ts';
import type { CommandProcessor } from '../command-processor.ts';

export const correlateSubscriptionProcessor: CommandProcessor<'PROCESS_MESSAGE_SUBSCRIPTION'> = (command, ctx) => {
  const events = ctx.state.events;
  const subscription = events.subscription(command.key);
  if (!subscription) {
    ctx.reject('NOT_FOUND', `Expected to correlate subscription with key '${command.key}', but no such subscription was found`);
    return;
  }
  const messageKey = command.value.messageKey;
  const message = events.message(messageKey);
  if (!message || events.correlatedTo(messageKey, subscription.value.bpmnProcessId)) {
    ctx.reject('INVALID_STATE', `Expected message '${messageKey}' to be correlatable to subscription '${command.key}', but it is expired or already correlated`);
    return;
  }
  const bpmn = bpmnBehaviors(ctx);
  const scope = bpmn.elementContext(subscription.value.elementInstanceKey);
  const target = scope ? ctx.state.models.element(scope.value.processDefinitionKey, subscription.value.elementId) : undefined;
  if (!scope || !target || ctx.state.elementInstances.get(scope.key)?.state !== 'ELEMENT_ACTIVATED') {
    ctx.reject('INVALID_STATE', `Expected element instance '${subscription.value.elementInstanceKey}' to be active to correlate a message`);
    return;
  }
  const value = { ...subscription.value, messageKey, variables: message.variables };
  const { subscriptionPartitionId: _p, elementId: _e, ...messageSide } = value;
  ctx.event(command.key, 'MESSAGE_SUBSCRIPTION', 'CORRELATING', messageSide);
  ctx.event(command.key, 'PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATED', value);
  ctx.event(command.key, 'MESSAGE_SUBSCRIPTION', 'CORRELATED', messageSide);
  bpmn.events.trigger(scope, target, message.variables);
};
