/** Appliers for PROCESS_INSTANCE_MODIFICATION events: the element lifecycle events it caused change the state. */
import type { ValueTypeAppliers } from './applier.ts';

export const processInstanceModificationAppliers: ValueTypeAppliers<'PROCESS_INSTANCE_MODIFICATION'> = {
  MODIFIED: () => {},
};
