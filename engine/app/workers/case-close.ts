import type { CaseStatus } from '../models/case.ts';
import type { ServiceHandler } from './service-worker.ts';
import { caseOfJob, type WorkerDeps } from './worker-deps.ts';

export const CASE_CLOSE = 'case-close';

/** 办结: sets the final case status from the `outcome` header or variable (approved / rejected / withdrawn / closed). */
export const caseClose = (d: WorkerDeps): ServiceHandler => async (job) => {
  const c = await caseOfJob(d, job);
  const outcome = String(job.customHeaders.outcome ?? job.variables.outcome ?? 'approved');
  const status: CaseStatus = outcome === 'rejected' ? 'rejected' : outcome === 'withdrawn' ? 'withdrawn' : 'completed';
  const closedAt = new Date();
  await d.models.Case.updateOne({ _id: c._id }, { $set: { status, outcome, completedAt: closedAt, currentSteps: [] } });
  d.bus.publish({ type: 'case.updated', caseId: String(c._id), groups: [], users: [c.createdBy], data: { status, outcome } });
  return { outcome, closedAt: closedAt.toISOString() };
};
