/** Appliers for PROCESS_INSTANCE_MODIFICATION / _MIGRATION events: the element events they caused change the state. */
import type { ValueTypeAppliers } from './applier.ts';

export const processInstanceModificationAppliers: ValueTypeAppliers<'PROCESS_INSTANCE_MODIFICATION'> = {
  MODIFIED: () => {},
};

export const processInstanceMigrationAppliers: ValueTypeAppliers<'PROCESS_INSTANCE_MIGRATION'> = {
  MIGRATED: () => {},
};
