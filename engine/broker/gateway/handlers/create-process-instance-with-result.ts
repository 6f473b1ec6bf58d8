/** CreateProcessInstanceWithResult: answers when the instance completes, or DEADLINE_EXCEEDED after requestTimeout. */
import * as grpc from '@grpc/grpc-js';
import type { ResultAwaiter } from '../../engine/result-awaiters.ts';
import type { VariableDocument } from '../../protocol/record.ts';
import { execute, type UnaryHandler } from '../gateway-context.ts';
import { GatewayError } from '../gateway-errors.ts';
import { toNumber } from '../request-values.ts';
import { creationResponse, creationValue, type CreateProcessInstanceRequest } from './create-process-instance.ts';

interface WithResultRequest {
  request: CreateProcessInstanceRequest;
  requestTimeout: string;
  fetchVariables: string[];
}

/** Zeebe's gateway default request timeout. */
const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

function pick(variables: VariableDocument, names: string[]): VariableDocument {
  if (names.length === 0) return variables;
  const out: VariableDocument = {};
  for (const name of names) if (name in variables) out[name] = variables[name];
  return out;
}

export const createProcessInstanceWithResult: UnaryHandler<WithResultRequest> = async (request, ctx, call) => {
  const value = creationValue(request.request ?? ({} as CreateProcessInstanceRequest), request.fetchVariables ?? []);
  const timeoutMs = toNumber(request.requestTimeout) > 0 ? toNumber(request.requestTimeout) : DEFAULT_REQUEST_TIMEOUT_MS;
  let resolveResult: (variables: VariableDocument) => void = () => {};
  const result = new Promise<VariableDocument>((resolve) => (resolveResult = resolve));
  const awaiter: ResultAwaiter = { done: false, resolve: (variables) => resolveResult(variables) };
  const created = creationResponse(
    await execute(ctx, { valueType: 'PROCESS_INSTANCE_CREATION', intent: 'CREATE_WITH_AWAITING_RESULT', value, transient: awaiter }),
  );
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      ctx.engine.awaiters.forget(awaiter);
      reject(
        new GatewayError(
          grpc.status.DEADLINE_EXCEEDED,
          `Expected to complete process instance '${String(created.processInstanceKey)}' within ${timeoutMs} ms (requestTimeout), but it did not complete in time`,
        ),
      );
    }, timeoutMs);
    call.on('cancelled', () => ctx.engine.awaiters.forget(awaiter));
  });
  try {
    const variables = await Promise.race([result, timedOut]);
    return { ...created, variables: JSON.stringify(pick(variables, request.fetchVariables ?? [])) };
  } finally {
    clearTimeout(timer);
  }
};
