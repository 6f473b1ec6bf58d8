/**
 * MESSAGE_SUBSCRIPTION MIGRATE: the message side of a subscription that MigrateProcessInstance moved
 * to a mapped catch event (PROCESS_MESSAGE_SUBSCRIPTION MIGRATED is written first, on the process
 * side). As Zeebe's MessageSubscriptionMigrateProcessor it writes MESSAGE_SUBSCRIPTION MIGRATED,
 * with the target's process id and interrupting flag; a subscription that no longer exists for
 * that element instance and message is rejected (NOT_FOUND).
 */
import type { CommandProcessor } from '../command-processor.ts';

export const migrateMessageSubscriptionProcessor: CommandProcessor<'MESSAGE_SUBSCRIPTION'> = (command, ctx) => {
  const { elementInstanceKey, messageName } = command.value;
  const subscription = ctx.state.events.subscription(command.key);
  if (!subscription || subscription.value.elementInstanceKey !== elementInstanceKey || subscription.value.messageName !== messageName) {
    ctx.reject(
      'NOT_FOUND',
      `Expected to migrate message subscription for element instance key '${elementInstanceKey}' and message name '${messageName}', but no such message subscription exists`,
    );
    return;
  }
  const { subscriptionPartitionId: _p, elementId: _e, ...messageSide } = subscription.value;
  ctx.event(command.key, 'MESSAGE_SUBSCRIPTION', 'MIGRATED', messageSide);
};
