/** DeleteResource: deletes a process definition or a form by key (NOT_FOUND for unknown keys). */
import { DEFAULT_TENANT } from '../../protocol/record.ts';
import { execute, type UnaryHandler } from '../gateway-context.ts';
import { toNumber } from '../request-values.ts';

interface DeleteResourceRequest {
  resourceKey: string;
}

export const deleteResource: UnaryHandler<DeleteResourceRequest> = async (request, ctx) => {
  await execute(ctx, {
    valueType: 'RESOURCE_DELETION',
    intent: 'DELETE',
    value: { resourceKey: toNumber(request.resourceKey), tenantId: DEFAULT_TENANT },
  });
  return {};
};
