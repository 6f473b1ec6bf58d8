import type { QueryFilter } from 'mongoose';
import { groupsOf, hasRole, type Principal } from '../../auth/principal.ts';
import type { Case } from '../../models/case.ts';
import type { Models } from '../../models/index.ts';

/** True for roles that read every case (auditors, process owners, admins). */
export function readsAllCases(p: Principal): boolean {
  return hasRole(p, 'auditor', 'process-owner');
}

/**
 * Who may see a case: auditors, process owners and admins see all; agents see cases they filed,
 * cases filed from their offices, cases they were copied on (抄送), and cases with a task that
 * was or is offered to them.
 */
export async function caseFilterFor(models: Models, p: Principal): Promise<QueryFilter<Case>> {
  if (readsAllCases(p)) return {};
  const groups = groupsOf(p);
  const taskCaseIds = await models.Task.distinct('caseId', {
    $or: [{ assignee: p.username }, { owner: p.username }, { completedBy: p.username }, { candidateUsers: p.username }, { candidateGroups: { $in: groups } }, { 'signers.username': p.username }],
  });
  return {
    $or: [{ createdBy: p.username }, { createdByOffices: { $in: p.offices } }, { readers: p.username }, { _id: { $in: taskCaseIds.filter((x) => x !== null) } }],
  };
}

/** True when the principal may see this case. */
export async function canSeeCase(models: Models, p: Principal, caseId: string): Promise<boolean> {
  if (readsAllCases(p)) return true;
  const filter = await caseFilterFor(models, p);
  return (await models.Case.countDocuments({ $and: [{ _id: caseId }, filter] })) > 0;
}
