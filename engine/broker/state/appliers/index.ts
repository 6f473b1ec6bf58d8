/** The complete applier registry; the {@link Appliers} type makes it exhaustive. */
import type { EventIntents, ValueType } from '../../protocol/intents.ts';
import type { BrokerRecord, EventRecord } from '../../protocol/record.ts';
import type { MutableEngineState } from '../engine-state.ts';
import type { Applier, Appliers } from './applier.ts';
import { allDecisionAppliers } from './decision-appliers.ts';
import { deploymentAppliers, formAppliers, processAppliers, resourceDeletionAppliers } from './deployment-appliers.ts';
import { compensationSubscriptionAppliers } from './compensation-appliers.ts';
import { eventAppliers } from './event-appliers.ts';
import { incidentAppliers } from './incident-appliers.ts';
import { jobAppliers, jobBatchAppliers } from './job-appliers.ts';
import { processInstanceMigrationAppliers, processInstanceModificationAppliers } from './modification-appliers.ts';
import { processInstanceAppliers, processInstanceCreationAppliers } from './process-instance-appliers.ts';
import { variableAppliers, variableDocumentAppliers } from './variable-appliers.ts';

export const appliers: Appliers = {
  DEPLOYMENT: deploymentAppliers,
  PROCESS: processAppliers,
  FORM: formAppliers,
  RESOURCE_DELETION: resourceDeletionAppliers,
  PROCESS_INSTANCE: processInstanceAppliers,
  PROCESS_INSTANCE_CREATION: processInstanceCreationAppliers,
  PROCESS_INSTANCE_MODIFICATION: processInstanceModificationAppliers,
  PROCESS_INSTANCE_MIGRATION: processInstanceMigrationAppliers,
  JOB: jobAppliers,
  JOB_BATCH: jobBatchAppliers,
  VARIABLE: variableAppliers,
  VARIABLE_DOCUMENT: variableDocumentAppliers,
  INCIDENT: incidentAppliers,
  COMPENSATION_SUBSCRIPTION: compensationSubscriptionAppliers,
  ...eventAppliers,
  ...allDecisionAppliers,
};

/** Applies one event record to state (no-op for commands and rejections). */
export function applyRecord(state: MutableEngineState, record: BrokerRecord): void {
  if (record.recordType !== 'EVENT') return;
  const byIntent = appliers[record.valueType] as unknown as Record<string, Applier<ValueType> | undefined>;
  const applier = byIntent[record.intent as EventIntents[ValueType]];
  if (!applier) throw new Error(`no applier for ${record.valueType} ${record.intent}`);
  applier(state, record as EventRecord<ValueType>);
}
