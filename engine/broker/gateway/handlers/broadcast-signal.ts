/** BroadcastSignal: triggers every signal catch, boundary and start event subscribed to the name. */
import { DEFAULT_TENANT } from '../../protocol/record.ts';
import { execute, type UnaryHandler } from '../gateway-context.ts';
import { invalidArgument } from '../gateway-errors.ts';
import { parseVariables, requireDefaultTenant } from '../request-values.ts';

interface BroadcastSignalRequest {
  signalName: string;
  variables: string;
  tenantId: string;
}

export const broadcastSignal: UnaryHandler<BroadcastSignalRequest> = async (request, ctx) => {
  if (!request.signalName) throw invalidArgument('Expected to broadcast a signal with a non-empty signalName, but it was empty');
  requireDefaultTenant('BroadcastSignal', request.tenantId);
  const response = (await execute(ctx, {
    valueType: 'SIGNAL',
    intent: 'BROADCAST',
    value: { signalName: request.signalName, variables: parseVariables(request.variables), tenantId: DEFAULT_TENANT },
  })) as { key: number; tenantId: string };
  return { key: String(response.key), tenantId: response.tenantId };
};
