import type { ZBClient } from 'zeebe-node';
import type { Logger } from '../logger.ts';
import type { Models } from '../models/index.ts';
import { createServiceWorker, type ServiceHandler } from './service-worker.ts';
import type { WorkerOptions } from './worker-options.ts';
import type { WorkerDeps } from './worker-deps.ts';
import { NO_OBSERVER, type RecordObserver } from '../exporter/app-observer.ts';
import { CASE_REGISTRATION, caseRegistration } from './case-registration.ts';
import { HOMESTEAD_CHECK, homesteadCheck } from './homestead-check.ts';
import { NOTIFY, notify } from './notify.ts';
import { ISSUE_PERMIT, issuePermit } from './issue-permit.ts';
import { GRID_DISPATCH, gridDispatch } from './grid-dispatch.ts';
import { CASE_CLOSE, caseClose } from './case-close.ts';

/** Every service job type and its handler. */
export const SERVICE_WORKERS: ReadonlyArray<readonly [string, (d: WorkerDeps) => ServiceHandler]> = [
  [CASE_REGISTRATION, caseRegistration],
  [HOMESTEAD_CHECK, homesteadCheck],
  [NOTIFY, notify],
  [ISSUE_PERMIT, issuePermit],
  [GRID_DISPATCH, gridDispatch],
  [CASE_CLOSE, caseClose],
];

/** Starts one worker per service job type; returns a function that closes them. */
export function startServiceWorkers(zeebe: ZBClient, models: Models, logger: Logger, opts: WorkerOptions, deps: WorkerDeps, observer: RecordObserver = NO_OBSERVER): () => Promise<void> {
  const workers = SERVICE_WORKERS.map(([type, make]) => createServiceWorker(zeebe, models, logger, opts, type, make(deps), observer));
  return async () => {
    await Promise.all(workers.map((w) => w.close(2000).catch(() => undefined)));
  };
}
