/**
 * Job-based tasks (service, send, business-rule and script tasks with a task definition, job-based
 * user tasks): activation creates a job; completing the job completes the task.
 */
import type { BpmnElementProcessor } from '../element-processor.ts';

export const jobWorkerTaskProcessor: BpmnElementProcessor = {
  onActivate(element, bpmn) {
    bpmn.transitions.activating(element);
    if (!bpmn.applyInputMappings(element)) return;
    const job = bpmn.jobs.create(element);
    if (!job.ok) {
      bpmn.incidents.create(element, 'EXTRACT_VALUE_ERROR', job.message);
      return;
    }
    const boundaries = bpmn.events.subscribe(element);
    if (!boundaries.ok) {
      bpmn.incidents.create(element, 'EXTRACT_VALUE_ERROR', boundaries.message);
      return;
    }
    bpmn.transitions.activated(element);
  },
  onComplete(element, bpmn) {
    bpmn.completeAndLeave(element);
  },
  onTerminate(element, bpmn) {
    bpmn.terminateLeaf(element);
  },
};
