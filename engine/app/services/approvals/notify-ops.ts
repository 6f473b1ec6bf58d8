import { ForbiddenError } from '../../auth/errors.ts';
import { hasRole, type Principal } from '../../auth/principal.ts';
import { ProblemError } from '../../http/problem.ts';
import { canSeeCase } from '../cases/case-access.ts';
import { assertCanAct, assertOpen, currentHolder } from '../worklist/task-access.ts';
import { loadTask, recordTaskAction, type ApprovalDeps } from './approval-deps.ts';

/** 抄送: the listed users become readers of the case and are notified. */
export async function cc(d: ApprovalDeps, p: Principal, taskId: string, users: string[], comment: string | null): Promise<{ readers: string[] }> {
  const t = await loadTask(d, taskId);
  assertCanAct(p, t, 'cc');
  if (!t.caseId) throw new ProblemError(409, 'Conflict', `task ${taskId} belongs to no case`);
  const found = await d.models.User.find({ username: { $in: users }, active: true }).lean();
  const missing = users.filter((u) => !found.some((f) => f.username === u));
  if (missing.length > 0) throw new ProblemError(400, 'Invalid request', `body.users: unknown user(s) ${missing.join(', ')}`, { field: 'body.users' });
  await d.models.Case.updateOne({ _id: t.caseId }, { $addToSet: { readers: { $each: users } } });
  for (const u of users) {
    await d.notifications.enqueue({ key: `cc:${taskId}:${u}`, to: u, kind: 'cc', caseId: String(t.caseId), taskId, message: `${p.displayName} 抄送给您：${t.caseNumber}「${t.name}」${comment ? `——${comment}` : ''}` });
  }
  await recordTaskAction(d, t, p.username, 'case.cc', { users, comment });
  const c = await d.models.Case.findById(t.caseId).lean();
  return { readers: c?.readers ?? [] };
}

/**
 * 催办: notifies whoever holds the task (or its candidates). Any agent who can see the case may
 * urge — typically the village agent who filed it; auditors read only. One urge per user per task
 * per 10 minutes.
 */
export async function urge(d: ApprovalDeps, p: Principal, taskId: string, comment: string | null): Promise<{ notified: string[] }> {
  const t = await loadTask(d, taskId);
  assertOpen(t);
  if (!hasRole(p, 'agent')) throw new ForbiddenError('urging needs role agent');
  if (!t.caseId || !(await canSeeCase(d.models, p, String(t.caseId)))) {
    try {
      assertCanAct(p, t, 'urge');
    } catch {
      throw new ForbiddenError(`you cannot see case ${t.caseNumber}`);
    }
  }
  const holder = currentHolder(t);
  const to = holder ? [holder] : [...t.candidateGroups, ...t.candidateUsers];
  const slot = Math.floor(Date.now() / 600_000);
  const notified: string[] = [];
  for (const u of to) {
    const fresh = await d.notifications.enqueue({ key: `urge:${taskId}:${p.username}:${u}:${slot}`, to: u, kind: 'urge', caseId: String(t.caseId), taskId, message: `${p.displayName} 催办：${t.caseNumber}「${t.name}」${comment ? `——${comment}` : ''}` });
    if (fresh) notified.push(u);
  }
  if (notified.length === 0) throw new ProblemError(429, 'Too Many Requests', 'you urged this task less than 10 minutes ago');
  await recordTaskAction(d, t, p.username, 'task.urged', { notified, comment });
  return { notified };
}
