/** FailJob: retries, errorMessage, retryBackOff and (local) variables. */
import { execute, type UnaryHandler } from '../gateway-context.ts';
import { parseVariables, requireKey, toNumber } from '../request-values.ts';
import { jobCommandValue } from './job-commands.ts';

interface FailJobRequest {
  jobKey: string;
  retries: number;
  errorMessage: string;
  retryBackOff: string;
  variables: string;
}

export const failJob: UnaryHandler<FailJobRequest> = async (request, ctx) => {
  const key = requireKey(request.jobKey, 'jobKey');
  const value = jobCommandValue({
    retries: request.retries ?? 0,
    errorMessage: request.errorMessage ?? '',
    retryBackoff: Math.max(0, toNumber(request.retryBackOff)),
    variables: parseVariables(request.variables),
  });
  await execute(ctx, { key, valueType: 'JOB', intent: 'FAIL', value });
  return {};
};
