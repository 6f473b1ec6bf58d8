/** ResolveIncident: resolves and retries the failed step (job incidents: the job can be activated again). */
import type { IncidentValue } from '../../protocol/record.ts';
import { execute, type UnaryHandler } from '../gateway-context.ts';
import { requireKey } from '../request-values.ts';

export const resolveIncident: UnaryHandler<{ incidentKey: string }> = async (request, ctx) => {
  const key = requireKey(request.incidentKey, 'incidentKey');
  await execute(ctx, { key, valueType: 'INCIDENT', intent: 'RESOLVE', value: {} as IncidentValue });
  return {};
};
