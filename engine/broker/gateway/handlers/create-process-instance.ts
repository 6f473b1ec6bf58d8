/** CreateProcessInstance: by definition key, or by process id and version (-1 = latest). */
import type { ProcessInstanceCreationValue } from '../../protocol/record.ts';
import { DEFAULT_TENANT } from '../../protocol/record.ts';
import { execute, type UnaryHandler } from '../gateway-context.ts';
import { invalidArgument } from '../gateway-errors.ts';
import { parseVariables, toNumber, requireDefaultTenant } from '../request-values.ts';

/** The request message. */
export interface CreateProcessInstanceRequest {
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  variables: string;
  startInstructions: { elementId: string }[];
  tenantId: string;
}

/** Validates a request and builds the command value. */
export function creationValue(request: CreateProcessInstanceRequest, fetchVariables: string[] = []): ProcessInstanceCreationValue {
  const processDefinitionKey = toNumber(request.processDefinitionKey);
  if (processDefinitionKey <= 0 && !request.bpmnProcessId) {
    throw invalidArgument('Expected either bpmnProcessId or processDefinitionKey to be set, but neither was given');
  }
  requireDefaultTenant('CreateProcessInstance', request.tenantId);
  return {
    bpmnProcessId: request.bpmnProcessId ?? '',
    processDefinitionKey,
    version: request.version === 0 && processDefinitionKey <= 0 ? -1 : (request.version ?? -1),
    processInstanceKey: -1,
    variables: parseVariables(request.variables),
    startInstructions: (request.startInstructions ?? []).map((s) => ({ elementId: s.elementId })),
    fetchVariables,
    tenantId: DEFAULT_TENANT,
  };
}

/** The response message from the command's response. */
export function creationResponse(response: unknown): Record<string, unknown> {
  const r = response as { processDefinitionKey: number; bpmnProcessId: string; version: number; processInstanceKey: number; tenantId: string };
  return {
    processDefinitionKey: String(r.processDefinitionKey),
    bpmnProcessId: r.bpmnProcessId,
    version: r.version,
    processInstanceKey: String(r.processInstanceKey),
    tenantId: r.tenantId,
  };
}

export const createProcessInstance: UnaryHandler<CreateProcessInstanceRequest> = async (request, ctx) => {
  const value = creationValue(request);
  return creationResponse(await execute(ctx, { valueType: 'PROCESS_INSTANCE_CREATION', intent: 'CREATE', value }));
};
