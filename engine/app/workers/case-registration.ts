import { parseWorkingDuration } from '../services/sla/working-calendar.ts';
import { caseOfJob, type WorkerDeps } from './worker-deps.ts';
import type { ServiceHandler } from './service-worker.ts';

export const CASE_REGISTRATION = 'case-registration';

/**
 * 登记: marks the case registered and sets its overall deadline from the `caseDeadline` header
 * (a working-day duration such as P20D, counted from filing).
 */
export const caseRegistration = (d: WorkerDeps): ServiceHandler => async (job) => {
  const c = await caseOfJob(d, job);
  const header = job.customHeaders.caseDeadline;
  const deadline = header ? d.sla.workingCalendar.addWorkingTime(new Date(c.createdAt), parseWorkingDuration(header)) : null;
  const registeredAt = new Date();
  await d.models.Case.updateOne({ _id: c._id }, { $set: { deadline, 'variables.registeredAt': registeredAt.toISOString() } });
  d.bus.publish({ type: 'case.updated', caseId: String(c._id), groups: [], users: [c.createdBy], data: { registered: true } });
  return { registeredAt: registeredAt.toISOString(), caseDeadline: deadline?.toISOString() ?? null };
};
