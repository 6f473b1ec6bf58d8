import { renderPermitPdf } from '../services/permits/permit-pdf.ts';
import type { ServiceHandler } from './service-worker.ts';
import { caseOfJob, type WorkerDeps } from './worker-deps.ts';

export const ISSUE_PERMIT = 'issue-permit';

/**
 * 出证: renders the permit PDF from the case data and its approvals, stores it in GridFS and
 * attaches it to the case. Issued once per case: a re-run returns the permit already issued.
 */
export const issuePermit = (d: WorkerDeps): ServiceHandler => async (job) => {
  const c = await caseOfJob(d, job);
  const existing = c.attachments.find((a) => a.kind === 'permit');
  const permitNumber = `${c.caseNumber.replace(/^.*?-/, 'XK-')}`;
  if (existing) return { permitFileId: String(existing.fileId), permitNumber };
  const tasks = await d.models.Task.find({ caseId: c._id, status: 'completed' }).sort({ completedAt: 1 }).lean();
  const users = await d.models.User.find({ username: { $in: tasks.map((t) => t.completedBy ?? '') } }).lean();
  const nameOf = (u: string | null) => users.find((x) => x.username === u)?.displayName ?? u ?? '';
  const v = job.variables;
  const { pdf, cjk } = await renderPermitPdf({
    permitNumber,
    caseNumber: c.caseNumber,
    applicantName: c.applicant.name,
    village: c.applicant.village ?? '',
    parcelNumber: String(v.parcelNumber ?? ''),
    areaSqm: String(v.areaSqm ?? ''),
    floors: String(v.floors ?? ''),
    approvals: tasks.map((t) => ({ step: t.name, by: nameOf(t.completedBy), at: (t.completedAt ?? new Date()).toISOString(), comment: t.comment ?? '' })),
    issuedAt: new Date(),
    issuer: d.issuer,
  });
  if (!cjk) d.logger.warn('permit rendered without a CJK font: Chinese text replaced (install fonts-wqy-microhei)');
  const fileId = await d.files.put(pdf, `permit-${c.caseNumber}.pdf`, 'application/pdf', { caseId: String(c._id), kind: 'permit', jobKey: job.key });
  const attachment = { fileId, name: `许可证-${c.caseNumber}.pdf`, contentType: 'application/pdf', size: pdf.length, kind: 'permit', uploadedBy: 'system:issue-permit', uploadedAt: new Date() };
  // Conditional push: a concurrent duplicate run cannot attach a second permit.
  await d.models.Case.updateOne({ _id: c._id, 'attachments.kind': { $ne: 'permit' } }, { $push: { attachments: attachment } });
  const after = await d.models.Case.findById(c._id).lean();
  const permit = after?.attachments.find((a) => a.kind === 'permit');
  return { permitFileId: String(permit?.fileId ?? fileId), permitNumber };
};
