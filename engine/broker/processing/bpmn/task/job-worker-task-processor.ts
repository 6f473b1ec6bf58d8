/**
 * Job-based tasks (service, send, business-rule and script tasks with a task definition, job-based
 * user tasks): activation creates a job; completing the job completes the task.
 */
import { leafProcessor } from '../leaf-processor.ts';

export const jobWorkerTaskProcessor = leafProcessor((element, bpmn) => {
  if (!bpmn.activatingWithInputs(element)) return;
  const job = bpmn.jobs.create(element);
  if (!job.ok) {
    bpmn.incidents.create(element, 'EXTRACT_VALUE_ERROR', job.message);
    return;
  }
  bpmn.subscribeAndWait(element);
});
