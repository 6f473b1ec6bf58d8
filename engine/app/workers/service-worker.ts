import type { ZBClient, ZBWorker } from 'zeebe-node';
import type { JSONDoc } from 'zeebe-node';
import type { Logger } from '../logger.ts';
import type { Models } from '../models/index.ts';
import { isDuplicateKey } from '../services/audit/history-service.ts';
import { BusinessError } from './errors.ts';
import type { WorkerOptions } from './worker-options.ts';
import { NO_OBSERVER, type RecordObserver } from '../exporter/app-observer.ts';

/** What a service handler sees of a job. */
export interface ServiceJob {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  retries: number;
  customHeaders: Record<string, string>;
  variables: Record<string, unknown>;
}

/** Does the work of one job type; returns the variables to complete with; throws BusinessError for business outcomes. */
export type ServiceHandler = (job: ServiceJob) => Promise<Record<string, unknown>>;

/** Retry delay after `failedAttempts` technical failures (exponential, capped at 5 minutes). */
export function backoffMs(baseMs: number, failedAttempts: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, failedAttempts - 1), 300_000);
}

/**
 * A worker for one service job type: idempotent by job key (the outcome is stored in the job
 * ledger; a re-delivered job gets the stored answer and the handler does not run again),
 * business errors via ThrowError, technical failures via FailJob with exponential backoff.
 */
export function createServiceWorker(zeebe: ZBClient, models: Models, logger: Logger, opts: WorkerOptions, taskType: string, handler: ServiceHandler, observer: RecordObserver = NO_OBSERVER): ZBWorker<Record<string, unknown>, Record<string, string>, Record<string, unknown>> {
  const attempts = new Map<string, number>();
  return zeebe.createWorker<Record<string, unknown>, Record<string, string>, Record<string, unknown>>({
    taskType,
    timeout: opts.serviceJobTimeoutMs,
    maxJobsToActivate: 8,
    loglevel: 'NONE',
    taskHandler: async (job) => {
      const log = logger.child({ jobKey: job.key, taskType });
      const done = await models.JobLedger.findOne({ jobKey: job.key }).lean();
      if (done?.outcome === 'completed') return job.complete(done.variables);
      if (done?.outcome === 'error') return job.error({ errorCode: done.errorCode ?? 'ERROR', errorMessage: 'replayed business error', variables: done.variables as JSONDoc });
      const input: ServiceJob = {
        key: job.key,
        type: job.type,
        processInstanceKey: String(job.processInstanceKey),
        bpmnProcessId: job.bpmnProcessId,
        elementId: job.elementId,
        retries: job.retries,
        customHeaders: { ...job.customHeaders },
        variables: { ...job.variables },
      };
      try {
        const variables = await handler(input);
        await remember(models, { jobKey: job.key, type: taskType, outcome: 'completed', variables, at: new Date() });
        attempts.delete(job.key);
        await observer.observe(typeof input.variables.caseId === 'string' ? input.variables.caseId : null, 'JOB.COMPLETED', { jobKey: job.key, type: taskType, elementId: job.elementId, variables });
        return job.complete(variables);
      } catch (err) {
        if (err instanceof BusinessError) {
          await remember(models, { jobKey: job.key, type: taskType, outcome: 'error', variables: err.variables, errorCode: err.code, at: new Date() });
          log.info({ code: err.code }, err.message);
          await observer.observe(typeof input.variables.caseId === 'string' ? input.variables.caseId : null, 'JOB.ERROR_THROWN', { jobKey: job.key, type: taskType, elementId: job.elementId, errorCode: err.code, errorMessage: err.message });
          return job.error({ errorCode: err.code, errorMessage: err.message, variables: err.variables as JSONDoc });
        }
        const n = (attempts.get(job.key) ?? 0) + 1;
        attempts.set(job.key, n);
        const retryBackOff = backoffMs(opts.retryBackoffMs, n);
        log.warn({ err, retriesLeft: job.retries - 1, retryBackOff }, 'job failed; will be retried');
        return job.fail({ errorMessage: err instanceof Error ? err.message : String(err), retries: Math.max(0, job.retries - 1), retryBackOff });
      }
    },
  });
}

async function remember(models: Models, entry: { jobKey: string; type: string; outcome: 'completed' | 'error'; variables: Record<string, unknown>; errorCode?: string; at: Date }): Promise<void> {
  try {
    await models.JobLedger.create(entry);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}
