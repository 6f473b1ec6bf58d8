/** Appliers for DEPLOYMENT, PROCESS, FORM and RESOURCE_DELETION events. */
import type { ValueTypeAppliers } from './applier.ts';

export const deploymentAppliers: ValueTypeAppliers<'DEPLOYMENT'> = {
  CREATED: () => {},
};

export const processAppliers: ValueTypeAppliers<'PROCESS'> = {
  CREATED: (state, record) => state.deployments.putProcess(record.value),
  // DELETING and DELETED are written together (definitions with running instances are not deleted).
  DELETING: () => {},
  DELETED: (state, record) => state.deployments.deleteProcess(record.value.processDefinitionKey),
};

export const formAppliers: ValueTypeAppliers<'FORM'> = {
  CREATED: (state, record) => state.deployments.putForm(record.value),
  DELETED: (state, record) => state.deployments.deleteForm(record.value.formKey),
};

export const resourceDeletionAppliers: ValueTypeAppliers<'RESOURCE_DELETION'> = {
  DELETING: () => {},
  DELETED: () => {},
};
