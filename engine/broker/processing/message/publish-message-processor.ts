/**
 * MESSAGE PUBLISH: buffers the message for its time to live (unless a live message has the same id)
 * and correlates it to open subscriptions and message start events — at most once per process id
 * (one instance per correlation key for message start events, see start-by-message.ts).
 */
import type { CommandProcessor } from '../command-processor.ts';
import { mayStartFor, startByMessage } from './start-by-message.ts';
import { DEFAULT_TENANT } from '../../protocol/record.ts';

export const publishMessageProcessor: CommandProcessor<'MESSAGE'> = (command, ctx) => {
  const request = command.value;
  const events = ctx.state.events;
  if (request.messageId !== '' && events.messageWithId(request.name, request.correlationKey, request.messageId) !== undefined) {
    ctx.reject(
      'ALREADY_EXISTS',
      `Expected to publish a new message with id '${request.messageId}', but a message with that id was already published`,
    );
    return;
  }
  const key = ctx.nextKey();
  const tenantId = request.tenantId || DEFAULT_TENANT;
  const message = { ...request, tenantId, deadline: ctx.now + Math.max(0, request.timeToLive) };
  ctx.event(key, 'MESSAGE', 'PUBLISHED', message);
  const correlatedProcesses = new Set<string>();
  for (const subscription of events.subscriptionsFor(request.name, request.correlationKey)) {
    const processId = subscription.value.bpmnProcessId;
    if (correlatedProcesses.has(processId)) continue;
    correlatedProcesses.add(processId);
    ctx.followUp(subscription.key, 'PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATE', {
      ...subscription.value,
      messageKey: key,
      variables: request.variables,
    });
  }
  for (const start of events.startSubscriptionsFor(request.name)) {
    if (correlatedProcesses.has(start.bpmnProcessId)) continue;
    // One instance per correlation key: while the instance a previous message started is active, the
    // message stays buffered; it starts the next instance when that one ends (start-by-message.ts).
    if (!mayStartFor(ctx, start.bpmnProcessId, request.correlationKey)) continue;
    correlatedProcesses.add(start.bpmnProcessId);
    startByMessage(ctx, start, key, request);
  }
  // A message without time to live is not buffered (Zeebe expires it at once): it expires right
  // after the correlations above were processed, so no later subscription or restart sees it.
  if (request.timeToLive <= 0) ctx.followUp(key, 'MESSAGE', 'EXPIRE', message);
  ctx.respond({ key, tenantId });
};

export const expireMessageProcessor: CommandProcessor<'MESSAGE'> = (command, ctx) => {
  const message = ctx.state.events.message(command.key);
  if (!message) {
    ctx.reject('NOT_FOUND', `Expected to expire message with key '${command.key}', but no such message was found`);
    return;
  }
  ctx.event(command.key, 'MESSAGE', 'EXPIRED', message);
};
