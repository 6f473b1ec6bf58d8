/** PublishMessage: buffers a message for its time to live and correlates it (messageId de-duplicates live messages). */
import { DEFAULT_TENANT } from '../../protocol/record.ts';
import { execute, type UnaryHandler } from '../gateway-context.ts';
import { invalidArgument } from '../gateway-errors.ts';
import { parseVariables, toNumber, requireDefaultTenant } from '../request-values.ts';

interface PublishMessageRequest {
  name: string;
  correlationKey: string;
  timeToLive: string;
  messageId: string;
  variables: string;
  tenantId: string;
}

export const publishMessage: UnaryHandler<PublishMessageRequest> = async (request, ctx) => {
  if (!request.name) throw invalidArgument('Expected to publish a message with a non-empty name, but it was empty');
  requireDefaultTenant('PublishMessage', request.tenantId);
  const timeToLive = toNumber(request.timeToLive);
  if (timeToLive < 0) throw invalidArgument(`Expected timeToLive to be zero or positive, but was ${timeToLive}`);
  const response = (await execute(ctx, {
    valueType: 'MESSAGE',
    intent: 'PUBLISH',
    value: {
      name: request.name,
      correlationKey: request.correlationKey ?? '',
      timeToLive,
      messageId: request.messageId ?? '',
      variables: parseVariables(request.variables),
      deadline: -1,
      tenantId: DEFAULT_TENANT,
    },
  })) as { key: number; tenantId: string };
  return { key: String(response.key), tenantId: response.tenantId };
};
