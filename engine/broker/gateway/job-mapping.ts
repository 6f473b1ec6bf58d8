/** Maps activated jobs to the gateway's ActivatedJob message. */
import type { ActivatedJobResult } from '../processing/job/activate-jobs-processor.ts';

/** ActivatedJob as the proto defines it (int64 fields as strings). */
export function toActivatedJob(job: ActivatedJobResult): Record<string, unknown> {
  const v = job.value;
  return {
    key: String(job.key),
    type: v.type,
    processInstanceKey: String(v.processInstanceKey),
    bpmnProcessId: v.bpmnProcessId,
    processDefinitionVersion: v.processDefinitionVersion,
    processDefinitionKey: String(v.processDefinitionKey),
    elementId: v.elementId,
    elementInstanceKey: String(v.elementInstanceKey),
    customHeaders: JSON.stringify(v.customHeaders),
    worker: v.worker,
    retries: v.retries,
    deadline: String(v.deadline),
    variables: JSON.stringify(v.variables),
    tenantId: v.tenantId,
  };
}
