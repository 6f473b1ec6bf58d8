import type { Principal } from '../../auth/principal.ts';
import { ForbiddenError } from '../../auth/errors.ts';
import type { Task } from '../../models/task.ts';
import { assertCanAct, currentHolder, pendingBeforeSigner } from '../worklist/task-access.ts';
import { loadTask, publishTask, recordTaskAction, type ApprovalDeps } from './approval-deps.ts';
import { TaskConflictError } from './errors.ts';
import { assertFormValid, finishTask, type TaskDecision } from './finish-task.ts';

/**
 * Approve or reject (驳回). With signers added after the assignee (后加签) still pending, the
 * decision is kept and the task passes to them; the job completes when the last one signs.
 */
export async function decide(d: ApprovalDeps, p: Principal, taskId: string, dec: TaskDecision): Promise<Task> {
  const t = await loadTask(d, taskId);
  assertCanAct(p, t, dec.decision === 'reject' ? 'reject' : 'complete');
  if (pendingBeforeSigner(t) === p.username) throw new TaskConflictError(`you were added as a signer before ${t.assignee ?? 'the assignee'}: sign with POST /api/tasks/${taskId}/sign`);
  if (pendingBeforeSigner(t)) throw new TaskConflictError(`waiting for ${pendingBeforeSigner(t)} to sign first`);
  if (t.pendingCompletion) throw new TaskConflictError(`the decision was taken; waiting for signers added after it`);
  if (t.owner && t.assignee === p.username) throw new TaskConflictError(`the task was delegated to you by ${t.owner}: return it with POST /api/tasks/${taskId}/resolve`);
  if (dec.decision === 'approve') await assertFormValid(d, t, dec.variables);
  const holder = t.assignee ?? p.username;
  if (t.signers.some((s) => s.position === 'after' && s.status === 'pending')) {
    const pending = { decision: dec.decision, comment: dec.comment, variables: dec.variables, by: holder };
    await d.models.Task.updateOne({ _id: t._id, status: 'open' }, { $set: { assignee: holder, pendingCompletion: pending } });
    const updated = (await d.models.Task.findById(t._id).lean())!;
    await recordTaskAction(d, t, p.username, 'task.decided-awaiting-signers', { decision: dec.decision, comment: dec.comment, next: currentHolder(updated) });
    publishTask(d, updated, 'task.updated');
    return updated;
  }
  const action = dec.decision === 'reject' ? 'task.rejected' : dec.decision === 'supplement' ? 'task.returned-for-supplement' : 'task.approved';
  return finishTask(d, { ...t, assignee: holder }, p.username, dec, action);
}

/** A signer added by 加签 signs (agree/disagree). The last after-signer completes the task. */
export async function sign(d: ApprovalDeps, p: Principal, taskId: string, agree: boolean, comment: string | null): Promise<Task> {
  const t = await loadTask(d, taskId);
  if (t.status !== 'open') throw new TaskConflictError(`task ${taskId} is ${t.status}`);
  if (currentHolder(t) !== p.username) throw new ForbiddenError(`it is not your turn to sign task ${taskId} (waiting for ${currentHolder(t) ?? 'the assignee'})`);
  const idx = t.signers.findIndex((s) => s.username === p.username && s.status === 'pending' && (t.pendingCompletion ? s.position === 'after' : s.position === 'before'));
  const signers = t.signers.map((s, i) => (i === idx ? { ...s, status: 'signed' as const, comment: comment ?? '', agree, signedAt: new Date() } : s));
  await d.models.Task.updateOne({ _id: t._id, status: 'open' }, { $set: { signers } });
  await recordTaskAction(d, t, p.username, 'task.signed', { position: t.signers[idx]?.position, agree, comment });
  const updated = (await d.models.Task.findById(t._id).lean())!;
  if (updated.pendingCompletion && !updated.signers.some((s) => s.position === 'after' && s.status === 'pending')) {
    const pc = updated.pendingCompletion;
    const allAgree = updated.signers.filter((s) => s.position === 'after').every((s) => s.agree !== false);
    const decision = allAgree && pc.decision === 'approve' ? 'approve' : 'reject';
    return finishTask(d, updated, pc.by, { decision, comment: pc.comment, variables: pc.variables }, decision === 'reject' ? 'task.rejected' : 'task.approved');
  }
  publishTask(d, updated, 'task.updated');
  return updated;
}
