/**
 * MESSAGE PUBLISH: buffers the message for its time to live (unless a live message has the same id)
 * and correlates it to open subscriptions and message start events — at most once per process id.
 */
import type { CommandProcessor } from '../command-processor.ts';
import { startProcessAtEvent } from '../timer/start-event-instances.ts';
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
    // One instance per correlation key: wait while the instance a previous message started is active.
    const owner = request.correlationKey === '' ? undefined : events.startCorrelationOwner(start.bpmnProcessId, request.correlationKey);
    if (owner !== undefined && ctx.state.elementInstances.get(owner)) continue;
    correlatedProcesses.add(start.bpmnProcessId);
    const processInstanceKey = ctx.nextKey();
    ctx.event(ctx.nextKey(), 'MESSAGE_START_EVENT_SUBSCRIPTION', 'CORRELATED', {
      ...start,
      messageKey: key,
      correlationKey: request.correlationKey,
      variables: request.variables,
      processInstanceKey,
    });
    startProcessAtEvent(ctx, start.processDefinitionKey, start.startEventId, request.variables, processInstanceKey);
  }
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
