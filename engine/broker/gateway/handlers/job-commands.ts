/** Builds JOB command values from gateway requests (only the fields the command reads matter). */
import type { JobValue } from '../../protocol/record.ts';
import { DEFAULT_TENANT } from '../../protocol/record.ts';

/** A job command value with the given fields set. */
export function jobCommandValue(fields: Partial<JobValue>): JobValue {
  return {
    type: '',
    worker: '',
    retries: 0,
    deadline: -1,
    timeout: -1,
    errorMessage: '',
    errorCode: '',
    customHeaders: {},
    variables: {},
    elementId: '',
    elementInstanceKey: -1,
    bpmnProcessId: '',
    processDefinitionVersion: -1,
    processDefinitionKey: -1,
    processInstanceKey: -1,
    retryBackoff: 0,
    recurringTime: -1,
    tenantId: DEFAULT_TENANT,
    ...fields,
  };
}
