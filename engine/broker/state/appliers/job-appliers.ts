/** Appliers for JOB and JOB_BATCH events. */
import type { JobValue } from '../../protocol/record.ts';
import type { MutableEngineState } from '../engine-state.ts';
import type { ValueTypeAppliers } from './applier.ts';

/** Jobs are stored without their variables (those live in the variable state). */
function stored(value: JobValue): JobValue {
  return { ...value, variables: {} };
}

function setJobOfElement(state: MutableEngineState, elementInstanceKey: number, jobKey: number): void {
  const instance = state.elementInstances.get(elementInstanceKey);
  if (instance) instance.jobKey = jobKey;
}

export const jobAppliers: ValueTypeAppliers<'JOB'> = {
  CREATED: (state, record) => {
    state.jobs.put(record.key, stored(record.value), 'ACTIVATABLE');
    setJobOfElement(state, record.value.elementInstanceKey, record.key);
  },
  COMPLETED: (state, record) => {
    state.jobs.remove(record.key);
    setJobOfElement(state, record.value.elementInstanceKey, 0);
  },
  FAILED: (state, record) => {
    const value = stored(record.value);
    if (value.retries <= 0) state.jobs.put(record.key, value, 'FAILED');
    else if (value.retryBackoff > 0) state.jobs.put(record.key, value, 'BACKOFF');
    else state.jobs.put(record.key, value, 'ACTIVATABLE');
  },
  TIMED_OUT: (state, record) => state.jobs.put(record.key, stored(record.value), 'ACTIVATABLE'),
  RETRIES_UPDATED: (state, record) => {
    const job = state.jobs.get(record.key);
    if (job) job.value = { ...job.value, retries: record.value.retries };
  },
  TIMEOUT_UPDATED: (state, record) => state.jobs.put(record.key, stored(record.value), 'ACTIVATED'),
  CANCELED: (state, record) => {
    state.jobs.remove(record.key);
    setJobOfElement(state, record.value.elementInstanceKey, 0);
  },
  ERROR_THROWN: (state, record) => state.jobs.put(record.key, stored(record.value), 'ERROR_THROWN'),
  RECURRED_AFTER_BACKOFF: (state, record) => state.jobs.put(record.key, stored(record.value), 'ACTIVATABLE'),
  YIELDED: (state, record) => state.jobs.put(record.key, stored(record.value), 'ACTIVATABLE'),
  MIGRATED: (state, record) => {
    const job = state.jobs.get(record.key);
    if (job) job.value = { ...job.value, elementId: record.value.elementId, bpmnProcessId: record.value.bpmnProcessId, processDefinitionKey: record.value.processDefinitionKey, processDefinitionVersion: record.value.processDefinitionVersion };
  },
};

export const jobBatchAppliers: ValueTypeAppliers<'JOB_BATCH'> = {
  ACTIVATED: (state, record) => {
    const { jobKeys, jobs } = record.value;
    for (let i = 0; i < jobKeys.length; i++) state.jobs.put(jobKeys[i]!, stored(jobs[i]!), 'ACTIVATED');
  },
};
