/** CompleteJob. */
import { execute, type UnaryHandler } from '../gateway-context.ts';
import { parseVariables, requireKey } from '../request-values.ts';
import { jobCommandValue } from './job-commands.ts';

export const completeJob: UnaryHandler<{ jobKey: string; variables: string }> = async (request, ctx) => {
  const key = requireKey(request.jobKey, 'jobKey');
  const value = jobCommandValue({ variables: parseVariables(request.variables) });
  await execute(ctx, { key, valueType: 'JOB', intent: 'COMPLETE', value });
  return {};
};
