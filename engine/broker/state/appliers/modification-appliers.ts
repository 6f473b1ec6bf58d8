/** Appliers for PROCESS_INSTANCE_MODIFICATION / _MIGRATION events: the element events they caused change the state. */
import type { ValueTypeAppliers } from './applier.ts';

export const processInstanceModificationAppliers: ValueTypeAppliers<'PROCESS_INSTANCE_MODIFICATION'> = {
  // As Zeebe's ProcessInstanceModifiedEventApplier: activating an element clears the interrupted mark
  // of its flow scopes, so an activation into a scope an interrupting event sub-process interrupted
  // (e.g. a withdrawn case being reinstated) is not rejected by the activation guard.
  MODIFIED: (state, record) => {
    for (const instruction of record.value.activateInstructions) {
      for (const scopeKey of instruction.ancestorScopeKeys) {
        const scope = state.elementInstances.get(scopeKey);
        if (scope?.interrupted) scope.interrupted = false;
      }
    }
  },
};

export const processInstanceMigrationAppliers: ValueTypeAppliers<'PROCESS_INSTANCE_MIGRATION'> = {
  MIGRATED: () => {},
};
