/** CancelProcessInstance: terminates the instance, its elements and their jobs. */
import { execute, type UnaryHandler } from '../gateway-context.ts';
import { requireKey } from '../request-values.ts';
import type { ProcessInstanceValue } from '../../protocol/record.ts';

export const cancelProcessInstance: UnaryHandler<{ processInstanceKey: string }> = async (request, ctx) => {
  const key = requireKey(request.processInstanceKey, 'processInstanceKey');
  const value = { processInstanceKey: key } as ProcessInstanceValue;
  await execute(ctx, { key, valueType: 'PROCESS_INSTANCE', intent: 'CANCEL', value });
  return {};
};
