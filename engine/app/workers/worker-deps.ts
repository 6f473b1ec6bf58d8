import type { Logger } from '../logger.ts';
import type { Models } from '../models/index.ts';
import type { Case } from '../models/case.ts';
import type { FileStore } from '../services/files/file-store.ts';
import type { NotificationService } from '../services/notifications/notification-service.ts';
import type { HistoryService } from '../services/audit/history-service.ts';
import type { SlaService } from '../services/sla/sla-service.ts';
import type { EventBus } from '../services/events/event-bus.ts';
import { JobInputError } from './errors.ts';
import type { ServiceJob } from './service-worker.ts';

/** What the service workers need. */
export interface WorkerDeps {
  models: Models;
  files: FileStore;
  notifications: NotificationService;
  history: HistoryService;
  sla: SlaService;
  bus: EventBus;
  logger: Logger;
  /** Name printed on permits (发证机关). */
  issuer: string;
}

/** The case a job belongs to (by the caseId variable, else by process instance). */
export async function caseOfJob(d: WorkerDeps, job: ServiceJob): Promise<Case> {
  const id = typeof job.variables.caseId === 'string' ? job.variables.caseId : null;
  const c = id ? await d.models.Case.findById(id).lean() : await d.models.Case.findOne({ processInstanceKey: job.processInstanceKey }).lean();
  if (!c) throw new JobInputError(job.type, `no case for process instance ${job.processInstanceKey} (variable caseId=${String(id)})`);
  return c;
}
