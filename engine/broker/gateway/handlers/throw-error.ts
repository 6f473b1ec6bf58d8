/** ThrowError: a business error from a worker (uncaught → incident until catch events arrive in part 2). */
import { execute, type UnaryHandler } from '../gateway-context.ts';
import { invalidArgument } from '../gateway-errors.ts';
import { parseVariables, requireKey } from '../request-values.ts';
import { jobCommandValue } from './job-commands.ts';

interface ThrowErrorRequest {
  jobKey: string;
  errorCode: string;
  errorMessage: string;
  variables: string;
}

export const throwError: UnaryHandler<ThrowErrorRequest> = async (request, ctx) => {
  const key = requireKey(request.jobKey, 'jobKey');
  if (!request.errorCode) throw invalidArgument('Expected to throw an error with a non-empty errorCode, but it was empty');
  const value = jobCommandValue({
    errorCode: request.errorCode,
    errorMessage: request.errorMessage ?? '',
    variables: parseVariables(request.variables),
  });
  await execute(ctx, { key, valueType: 'JOB', intent: 'THROW_ERROR', value });
  return {};
};
