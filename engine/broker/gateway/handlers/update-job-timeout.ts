/** UpdateJobTimeout: new deadline = now + timeout. */
import { execute, type UnaryHandler } from '../gateway-context.ts';
import { invalidArgument } from '../gateway-errors.ts';
import { requireKey, toNumber } from '../request-values.ts';
import { jobCommandValue } from './job-commands.ts';

export const updateJobTimeout: UnaryHandler<{ jobKey: string; timeout: string }> = async (request, ctx) => {
  const key = requireKey(request.jobKey, 'jobKey');
  const timeout = toNumber(request.timeout);
  if (timeout < 1) throw invalidArgument(`Expected timeout to be greater than zero, but it was ${timeout}`);
  await execute(ctx, { key, valueType: 'JOB', intent: 'UPDATE_TIMEOUT', value: jobCommandValue({ timeout }) });
  return {};
};
