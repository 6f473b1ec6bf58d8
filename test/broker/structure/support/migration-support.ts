/** Helpers for MigrateProcessInstance tests: the raw gateway call (zeebe-node 8.3 has none) and record lookups. */
import type { ExportedRecord } from '../../../../engine/broker/index.ts';
import { unary, type RawGatewayClient } from '../../engine/support/raw-gateway-client.ts';

/** One mapping instruction. */
export type Mapping = { sourceElementId: string; targetElementId: string };

/** Calls MigrateProcessInstance through the raw gateway client; rejects with the gRPC ServiceError. */
export function migrate(raw: RawGatewayClient, processInstanceKey: string, targetProcessDefinitionKey: string, mappings: [string, string][]): Promise<unknown> {
  const mappingInstructions: Mapping[] = mappings.map(([sourceElementId, targetElementId]) => ({ sourceElementId, targetElementId }));
  return unary(raw, 'MigrateProcessInstance', { processInstanceKey, migrationPlan: { targetProcessDefinitionKey, mappingInstructions } });
}

/** The events of a value type and intent of one process instance. */
export function eventsOf(records: ExportedRecord[], valueType: string, intent: string, processInstanceKey: string): ExportedRecord[] {
  return records.filter(
    (r) =>
      r.recordType === 'EVENT' &&
      r.valueType === valueType &&
      r.intent === intent &&
      String((r.value as { processInstanceKey?: number }).processInstanceKey) === processInstanceKey,
  );
}

/** The value of a record, typed loosely for assertions. */
export const valueOf = (record: ExportedRecord | undefined): Record<string, unknown> => (record?.value ?? {}) as Record<string, unknown>;
