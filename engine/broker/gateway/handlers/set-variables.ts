/** SetVariables: local or propagating merge into an element instance's scope. */
import { DEFAULT_TENANT } from '../../protocol/record.ts';
import { execute, type UnaryHandler } from '../gateway-context.ts';
import { parseVariables, requireKey } from '../request-values.ts';

interface SetVariablesRequest {
  elementInstanceKey: string;
  variables: string;
  local: boolean;
}

export const setVariables: UnaryHandler<SetVariablesRequest> = async (request, ctx) => {
  const scopeKey = requireKey(request.elementInstanceKey, 'elementInstanceKey');
  const variables = parseVariables(request.variables);
  const response = (await execute(ctx, {
    valueType: 'VARIABLE_DOCUMENT',
    intent: 'UPDATE',
    value: { scopeKey, variables, updateSemantics: request.local ? 'LOCAL' : 'PROPAGATE', tenantId: DEFAULT_TENANT },
  })) as { key: number };
  return { key: String(response.key) };
};
