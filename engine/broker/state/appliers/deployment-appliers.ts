/** Appliers for DEPLOYMENT, PROCESS and FORM events. */
import type { ValueTypeAppliers } from './applier.ts';

export const deploymentAppliers: ValueTypeAppliers<'DEPLOYMENT'> = {
  CREATED: () => {},
};

export const processAppliers: ValueTypeAppliers<'PROCESS'> = {
  CREATED: (state, record) => state.deployments.putProcess(record.value),
};

export const formAppliers: ValueTypeAppliers<'FORM'> = {
  CREATED: (state, record) => state.deployments.putForm(record.value),
};
