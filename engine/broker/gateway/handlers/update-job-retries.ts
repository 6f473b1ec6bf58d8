/** UpdateJobRetries. */
import { execute, type UnaryHandler } from '../gateway-context.ts';
import { requireKey } from '../request-values.ts';
import { jobCommandValue } from './job-commands.ts';

export const updateJobRetries: UnaryHandler<{ jobKey: string; retries: number }> = async (request, ctx) => {
  const key = requireKey(request.jobKey, 'jobKey');
  await execute(ctx, { key, valueType: 'JOB', intent: 'UPDATE_RETRIES', value: jobCommandValue({ retries: request.retries ?? 0 }) });
  return {};
};
