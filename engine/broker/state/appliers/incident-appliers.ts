/** Appliers for INCIDENT events. */
import type { ValueTypeAppliers } from './applier.ts';

export const incidentAppliers: ValueTypeAppliers<'INCIDENT'> = {
  CREATED: (state, record) => state.incidents.create(record.key, record.value),
  // MigrateProcessInstance: same incident, now on the target definition's element.
  MIGRATED: (state, record) => state.incidents.create(record.key, record.value),
  RESOLVED: (state, record) => {
    state.incidents.remove(record.key);
    const jobKey = record.value.jobKey;
    const job = jobKey > 0 ? state.jobs.get(jobKey) : undefined;
    if (job && job.value.retries > 0 && (job.state === 'FAILED' || job.state === 'ERROR_THROWN')) {
      state.jobs.put(jobKey, job.value, 'ACTIVATABLE');
    }
  },
};
