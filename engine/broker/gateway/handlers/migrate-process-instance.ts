/** MigrateProcessInstance: moves a running instance to another process definition with mapping instructions. */
import { DEFAULT_TENANT } from '../../protocol/record.ts';
import { execute, type UnaryHandler } from '../gateway-context.ts';
import { invalidArgument } from '../gateway-errors.ts';
import { requireKey } from '../request-values.ts';

/** The request message (int64 fields arrive as strings). */
export interface MigrateProcessInstanceRequest {
  processInstanceKey: string;
  migrationPlan?: {
    targetProcessDefinitionKey: string;
    mappingInstructions?: { sourceElementId: string; targetElementId: string }[];
  };
}

export const migrateProcessInstance: UnaryHandler<MigrateProcessInstanceRequest> = async (request, ctx) => {
  const processInstanceKey = requireKey(request.processInstanceKey, 'processInstanceKey');
  if (!request.migrationPlan) throw invalidArgument('Expected migrationPlan to be set, but it was not');
  const targetProcessDefinitionKey = requireKey(request.migrationPlan.targetProcessDefinitionKey, 'migrationPlan.targetProcessDefinitionKey');
  const mappingInstructions = (request.migrationPlan.mappingInstructions ?? []).map((m, index) => {
    if (!m.sourceElementId || !m.targetElementId) {
      throw invalidArgument(`Expected mappingInstructions[${index}] to have a sourceElementId and a targetElementId, but one was empty`);
    }
    return { sourceElementId: m.sourceElementId, targetElementId: m.targetElementId };
  });
  const value = { processInstanceKey, targetProcessDefinitionKey, mappingInstructions, tenantId: DEFAULT_TENANT };
  await execute(ctx, { key: processInstanceKey, valueType: 'PROCESS_INSTANCE_MIGRATION', intent: 'MIGRATE', value });
  return {};
};
