/** Appliers for COMPENSATION_SUBSCRIPTION events. */
import type { ValueTypeAppliers } from './applier.ts';

/** COMPENSATION_SUBSCRIPTION: CREATED and TRIGGERED store the record's value, COMPLETED and DELETED remove it. */
export const compensationSubscriptionAppliers: ValueTypeAppliers<'COMPENSATION_SUBSCRIPTION'> = {
  CREATED: (state, record) => state.compensations.put(record.key, record.value),
  // The record carries the throw event and the handler instance now.
  TRIGGERED: (state, record) => state.compensations.put(record.key, record.value),
  COMPLETED: (state, record) => state.compensations.remove(record.key, record.value.processInstanceKey),
  DELETED: (state, record) => state.compensations.remove(record.key, record.value.processInstanceKey),
};
