/** ModifyProcessInstance: activate elements (with variables, ancestor selection) and terminate element instances. */
import type { ProcessInstanceModificationValue } from '../../protocol/record.ts';
import { DEFAULT_TENANT } from '../../protocol/record.ts';
import { execute, type UnaryHandler } from '../gateway-context.ts';
import { invalidArgument } from '../gateway-errors.ts';
import { parseVariables, requireKey, toNumber } from '../request-values.ts';

/** The request message (int64 fields arrive as strings). */
export interface ModifyProcessInstanceRequest {
  processInstanceKey: string;
  activateInstructions?: {
    elementId: string;
    ancestorElementInstanceKey?: string;
    variableInstructions?: { variables: string; scopeId?: string }[];
  }[];
  terminateInstructions?: { elementInstanceKey: string }[];
}

/** Validates the request and builds the command value. */
export function modificationValue(request: ModifyProcessInstanceRequest): ProcessInstanceModificationValue {
  const processInstanceKey = requireKey(request.processInstanceKey, 'processInstanceKey');
  const activateInstructions = (request.activateInstructions ?? []).map((instruction, index) => {
    if (!instruction.elementId) throw invalidArgument(`Expected activateInstructions[${index}].elementId to be set, but it was empty`);
    const ancestor = toNumber(instruction.ancestorElementInstanceKey);
    return {
      elementId: instruction.elementId,
      ancestorScopeKey: ancestor > 0 ? ancestor : -1,
      variableInstructions: (instruction.variableInstructions ?? []).map((v, i) => ({
        variables: parseVariables(v.variables, `activateInstructions[${index}].variableInstructions[${i}].variables`),
        elementId: v.scopeId ?? '',
      })),
      ancestorScopeKeys: [],
    };
  });
  const terminateInstructions = (request.terminateInstructions ?? []).map((t, index) => ({
    elementInstanceKey: requireKey(t.elementInstanceKey, `terminateInstructions[${index}].elementInstanceKey`),
  }));
  return { processInstanceKey, activateInstructions, terminateInstructions, tenantId: DEFAULT_TENANT };
}

export const modifyProcessInstance: UnaryHandler<ModifyProcessInstanceRequest> = async (request, ctx) => {
  const value = modificationValue(request);
  await execute(ctx, { key: value.processInstanceKey, valueType: 'PROCESS_INSTANCE_MODIFICATION', intent: 'MODIFY', value });
  return {};
};
