/** Appliers for VARIABLE and VARIABLE_DOCUMENT events. */
import type { ValueTypeAppliers } from './applier.ts';

export const variableAppliers: ValueTypeAppliers<'VARIABLE'> = {
  CREATED: (state, record) => state.variables.set(record.value.scopeKey, record.value.name, record.key, record.value.value),
  UPDATED: (state, record) => state.variables.set(record.value.scopeKey, record.value.name, record.key, record.value.value),
  // MigrateProcessInstance: the variable keeps its value (the record carries none); only its definition changed.
  MIGRATED: () => {},
};

export const variableDocumentAppliers: ValueTypeAppliers<'VARIABLE_DOCUMENT'> = {
  UPDATED: () => {},
};
