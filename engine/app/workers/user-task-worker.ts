import type { ZBClient, ZBWorker } from 'zeebe-node';
import type { Logger } from '../logger.ts';
import type { TaskProjector } from '../services/worklist/task-projector.ts';
import type { WorkerOptions } from './worker-options.ts';

/** The job type Zeebe gives job-worker user tasks. */
export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';

/**
 * Activates user-task jobs with a long timeout and projects each into a task document; the job
 * is then left activated ("forwarded"): the API completes it when a person completes the task,
 * and the keep-alive extends its timeout while the task is open.
 */
export function createUserTaskWorker(zeebe: ZBClient, projector: TaskProjector, logger: Logger, opts: WorkerOptions): ZBWorker<Record<string, unknown>, Record<string, string>, Record<string, unknown>> {
  return zeebe.createWorker<Record<string, unknown>, Record<string, string>, Record<string, unknown>>({
    taskType: USER_TASK_JOB_TYPE,
    timeout: opts.userTaskJobTimeoutMs,
    maxJobsToActivate: 32,
    loglevel: 'NONE',
    taskHandler: async (job) => {
      const raw = job as unknown as { processDefinitionKey?: string; processKey?: string };
      try {
        await projector.project(
          {
            key: job.key,
            processInstanceKey: String(job.processInstanceKey),
            processDefinitionKey: String(raw.processDefinitionKey ?? raw.processKey ?? ''),
            bpmnProcessId: job.bpmnProcessId,
            elementId: job.elementId,
            elementInstanceKey: String(job.elementInstanceKey),
            customHeaders: { ...job.customHeaders },
            variables: { ...job.variables },
            deadline: job.deadline,
          },
          new Date(Number(job.deadline) > 1e12 ? Number(job.deadline) : Date.now() + opts.userTaskJobTimeoutMs),
        );
      } catch (err) {
        // Not projected: let the job time out and come back rather than lose it.
        logger.error({ err, jobKey: job.key }, 'user task could not be projected; it will be offered again after the job timeout');
      }
      return job.forward();
    },
  });
}
